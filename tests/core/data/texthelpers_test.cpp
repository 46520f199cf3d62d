// Tests for the text, date and delimited-reader helpers in core/util used by the importers.
#include <gtest/gtest.h>

#include "util/csv.h"
#include "util/date.h"
#include "util/text.h"

using namespace rs::util;

TEST(TextHelpers, SplitKeepsEmptyFields) {
    EXPECT_EQ(split("a,,b", ',').size(), 3u);
    EXPECT_EQ(split("", ',').size(), 1u);
    auto p = split("1::2::x", "::");
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[2], "x");
    EXPECT_EQ(splitWhitespace("  u1  i1\ti2 ").size(), 3u);
}

TEST(TextHelpers, StrictNumbers) {
    EXPECT_EQ(parseInt64(" 42 "), 42);
    EXPECT_FALSE(parseInt64("42x").has_value());
    EXPECT_FALSE(parseInt64("99999999999999999999").has_value());
    EXPECT_DOUBLE_EQ(*parseDouble("3.5"), 3.5);
    EXPECT_FALSE(parseDouble("inf").has_value());
    EXPECT_FALSE(parseDouble("Free").has_value());
    EXPECT_EQ(parseBool("True"), true);
    EXPECT_EQ(parseBool("no"), false);
    EXPECT_TRUE(isMissingToken("NA"));
    EXPECT_FALSE(isMissingToken("0"));
}

TEST(TextHelpers, Utf8AndLatin1) {
    size_t off = 99;
    EXPECT_TRUE(isValidUtf8("Caf\xC3\xA9"));
    EXPECT_FALSE(isValidUtf8("Caf\xE9!", &off));
    EXPECT_EQ(off, 3u);
    EXPECT_FALSE(isValidUtf8("\xC0\xAF"));      // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));  // surrogate
    EXPECT_EQ(latin1ToUtf8("Caf\xE9"), "Caf\xC3\xA9");
    EXPECT_TRUE(isValidUtf8(latin1ToUtf8("\xFF\x80\xE9")));
}

TEST(TextHelpers, HtmlEntities) {
    EXPECT_EQ(decodeHtmlEntities("Design &amp; Illustration"), "Design & Illustration");
    EXPECT_EQ(decodeHtmlEntities("a &#39;b&#x27; &lt;c&gt;"), "a 'b' <c>");
    EXPECT_EQ(decodeHtmlEntities("AT&T & co &bogus;"), "AT&T & co &bogus;");
    EXPECT_EQ(decodeHtmlEntities("&#233;"), "\xC3\xA9");
}

TEST(DateHelpers, ParsesTheFormsSeenInData) {
    auto iso = parseDate("2018-01-04");
    ASSERT_TRUE(iso);
    EXPECT_EQ(isoString(*iso), "2018-01-04");
    EXPECT_EQ(daysSinceEpoch(*iso), 17535);
    EXPECT_EQ(isoString(*parseDate("01-Jan-1995")), "1995-01-01");
    EXPECT_EQ(isoString(*parseDate("Jun 2009")), "2009-06");
    EXPECT_EQ(isoString(*parseDate("June 2009")), "2009-06");
    EXPECT_EQ(isoString(*parseDate("2017")), "2017");
    EXPECT_EQ(isoString(*parseDate("Jun 12, 2009")), "2009-06-12");
    EXPECT_EQ(isoString(*parseDate("12 Jun, 2009")), "2009-06-12");
    for (const char* bad : {"Soon..", "Q1 2018", "Coming Soon", "2009-02-30", "TBA", "", "Jun"})
        EXPECT_FALSE(parseDate(bad).has_value()) << bad;
    EXPECT_TRUE(parseDate("2016-02-29").has_value());
    EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
    EXPECT_EQ(daysFromCivil(1969, 12, 31), -1);
}

TEST(DateHelpers, Timestamps) {
    EXPECT_EQ(parseTimestamp("881250949"), 881250949);
    EXPECT_EQ(parseTimestamp("881250949.0"), 881250949);
    EXPECT_EQ(parseTimestamp("2011-11-05"), 1320451200);
    EXPECT_EQ(parseTimestamp("2011-11-05 01:02:03"), 1320451200 + 3723);
    EXPECT_EQ(parseTimestamp("2011-11-05T01:02Z"), 1320451200 + 3720);
    EXPECT_FALSE(parseTimestamp("yesterday").has_value());
    EXPECT_FALSE(parseTimestamp("2011-11-05 25:00").has_value());
}

TEST(DelimitedReader, QuotedCsvAcrossLines) {
    const std::string text = "\xEF\xBB\xBFid,name\r\n1,\"a, b\"\r\n\r\n2,\"multi\nline \"\"q\"\"\"\n3,plain\n";
    DelimitedReader r(text, ",", true);
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.fields(), (std::vector<std::string>{"id", "name"}));
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.fields()[1], "a, b");
    EXPECT_EQ(r.line(), 2);
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.fields()[1], "multi\nline \"q\"");
    EXPECT_EQ(r.line(), 4);
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.line(), 6);  // line numbers count the line break inside the quoted field
    EXPECT_EQ(r.fields()[1], "plain");
    EXPECT_FALSE(r.next());
    EXPECT_TRUE(r.error().empty());

    DelimitedReader bad("a,\"open\n", ",", true);
    EXPECT_FALSE(bad.next());
    EXPECT_EQ(bad.error(), "unterminated quoted field");
}

TEST(DelimitedReader, UnquotedSkipsBlankLines) {
    DelimitedReader r("1\t2\n\n3\t4", "\t", false);
    ASSERT_TRUE(r.next());
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.line(), 3);
    EXPECT_EQ(r.fields()[1], "4");
    EXPECT_FALSE(r.next());
}
