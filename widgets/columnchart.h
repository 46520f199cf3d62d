#pragma once
// ColumnChart: the distribution of one catalog column as a Qt Charts bar chart —
//   tags and text: the most frequent values (bars, most frequent first)
//   integers and reals: a histogram with equal-width bins between min and max
//   dates: the number of rows per year
// plus a one-line summary of ColumnStats (count, missing, min/median/max or distinct values).
#include <QChartView>
#include <QStringList>
#include <vector>

#include "data/itemcatalog.h"

namespace rs::widgets {

struct ColumnHistogram {
    QStringList labels;
    std::vector<double> counts;
    QString title;
};

// Pure computation, kept apart from drawing so tests can check it.
ColumnHistogram columnHistogram(const data::Column& column, int maxBars = 20);
QString columnSummary(const data::Column& column);

class ColumnChart final : public QChartView {
    Q_OBJECT
public:
    explicit ColumnChart(QWidget* parent = nullptr);
    void showColumn(const data::Column* column);  // nullptr clears
    const ColumnHistogram& histogram() const { return histogram_; }

private:
    ColumnHistogram histogram_;
};

}  // namespace rs::widgets
