#include "columnchart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <map>

namespace rs::widgets {

namespace {
int yearOfDays(double days) {
    // Days since 1970-01-01 to a calendar year (civil-from-days, Howard Hinnant's algorithm).
    const int64_t z = static_cast<int64_t>(std::floor(days)) + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t month = mp + (mp < 10 ? 3 : -9);
    return static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}
}  // namespace

ColumnHistogram columnHistogram(const data::Column& c, int maxBars) {
    ColumnHistogram h;
    const QString name = QString::fromStdString(c.name());
    switch (c.type()) {
        case data::ColumnType::TagList:
        case data::ColumnType::Text: {
            const auto stats = c.stats(static_cast<size_t>(maxBars));
            std::vector<std::pair<std::string, int64_t>> top = stats.topValues;
            if (c.type() == data::ColumnType::Text && top.empty()) {
                std::map<std::string, int64_t> counts;
                for (size_t r = 0; r < c.size(); ++r)
                    if (c.present(r)) ++counts[c.text(r)];
                top.assign(counts.begin(), counts.end());
                std::stable_sort(top.begin(), top.end(),
                                 [](const auto& a, const auto& b) { return a.second > b.second; });
                if (top.size() > static_cast<size_t>(maxBars)) top.resize(static_cast<size_t>(maxBars));
            }
            for (const auto& [v, n] : top) {
                h.labels << QString::fromStdString(v);
                h.counts.push_back(static_cast<double>(n));
            }
            h.title = QObject::tr("Most frequent values of %1").arg(name);
            break;
        }
        case data::ColumnType::Date: {
            std::map<int, int64_t> years;
            for (size_t r = 0; r < c.size(); ++r)
                if (c.present(r)) ++years[yearOfDays(c.number(r))];
            // Too many years: keep the most recent maxBars*2 so the axis stays readable.
            while (years.size() > static_cast<size_t>(maxBars) * 2) years.erase(years.begin());
            for (const auto& [y, n] : years) {
                h.labels << QString::number(y);
                h.counts.push_back(static_cast<double>(n));
            }
            h.title = QObject::tr("%1 per year").arg(name);
            break;
        }
        case data::ColumnType::Integer:
        case data::ColumnType::Real: {
            const auto stats = c.stats(0);
            if (!stats.min || !stats.max) break;
            const double lo = *stats.min, hi = *stats.max;
            const bool integral = c.type() == data::ColumnType::Integer;
            int bins = maxBars;
            if (integral && hi - lo + 1 <= maxBars) bins = std::max(1, static_cast<int>(hi - lo + 1));
            const double width = hi > lo ? (hi - lo) / bins : 1.0;
            h.counts.assign(static_cast<size_t>(bins), 0.0);
            for (size_t r = 0; r < c.size(); ++r) {
                if (!c.present(r)) continue;
                int b = static_cast<int>((c.number(r) - lo) / width);
                h.counts[static_cast<size_t>(std::clamp(b, 0, bins - 1))] += 1;
            }
            for (int b = 0; b < bins; ++b) {
                const double from = lo + b * width;
                h.labels << (integral && width == 1.0
                                 ? QString::number(from, 'f', 0)
                                 : QStringLiteral("%1–%2").arg(from, 0, 'g', 4).arg(from + width, 0, 'g', 4));
            }
            h.title = QObject::tr("Histogram of %1").arg(name);
            break;
        }
    }
    return h;
}

QString columnSummary(const data::Column& c) {
    const auto s = c.stats(5);
    QString out = QObject::tr("%1 (%2): %3 values, %4 missing")
                      .arg(QString::fromStdString(c.name()), QString::fromLatin1(data::columnTypeName(c.type())))
                      .arg(s.count)
                      .arg(s.missing);
    if (s.min && s.max && c.type() != data::ColumnType::Date)
        out += QObject::tr("; min %1, median %2, mean %3, max %4")
                   .arg(*s.min, 0, 'g', 6)
                   .arg(s.median.value_or(0), 0, 'g', 6)
                   .arg(s.mean.value_or(0), 0, 'g', 6)
                   .arg(*s.max, 0, 'g', 6);
    if (s.distinctCount > 0) out += QObject::tr("; %1 distinct").arg(s.distinctCount);
    return out;
}

ColumnChart::ColumnChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    showColumn(nullptr);
}

void ColumnChart::showColumn(const data::Column* column) {
    histogram_ = column ? columnHistogram(*column) : ColumnHistogram{};
    auto* chart = new QChart;
    chart->legend()->hide();
    chart->setTitle(histogram_.title);
    if (!histogram_.counts.empty()) {
        auto* set = new QBarSet(QString::fromStdString(column->name()));
        double top = 0;
        for (double v : histogram_.counts) {
            *set << v;
            top = std::max(top, v);
        }
        auto* series = new QBarSeries;
        series->append(set);
        chart->addSeries(series);
        auto* x = new QBarCategoryAxis;
        x->append(histogram_.labels);
        x->setLabelsAngle(-60);
        auto* y = new QValueAxis;
        y->setRange(0, top * 1.05);
        y->setLabelFormat(QStringLiteral("%d"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    QChart* old = this->chart();
    setChart(chart);
    delete old;
}

}  // namespace rs::widgets
