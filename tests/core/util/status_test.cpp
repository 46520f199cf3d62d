#include <gtest/gtest.h>

#include "util/status.h"
#include "util/task.h"

using rs::util::Result;
using rs::util::Status;

TEST(Status, OkAndErrorCarryMessages) {
    EXPECT_TRUE(Status::ok().isOk());
    Status e = Status::error("u.data:3: field 'rating': bad");
    EXPECT_FALSE(e.isOk());
    EXPECT_EQ(e.message(), "u.data:3: field 'rating': bad");
}

TEST(Result, HoldsValueOrError) {
    Result<int> v = 5;
    ASSERT_TRUE(v.isOk());
    EXPECT_EQ(*v, 5);
    Result<int> e = rs::util::Error{"nope"};
    EXPECT_FALSE(e.isOk());
    EXPECT_EQ(e.message(), "nope");
    EXPECT_FALSE(e.status().isOk());
}

TEST(CancelToken, CopiesShareTheFlag) {
    rs::util::Task task;
    rs::util::CancelToken copy = task.cancel;
    EXPECT_FALSE(task.cancelled());
    copy.cancel();
    EXPECT_TRUE(task.cancelled());
}
