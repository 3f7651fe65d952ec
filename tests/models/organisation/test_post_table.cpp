// The post table: posts numbered by (unit, level), contiguous per cell; flattening moves a
// level's posts into the level below without losing any.
#include <gtest/gtest.h>

#include "models/organisation/post_table.h"

namespace reformsim::models {
namespace {

TEST(PostTable, NumbersPostsByUnitThenLevel) {
  const PostTable posts(2, 3, {1, 0, 2, 1, 2, 3});
  ASSERT_EQ(posts.size(), 9u);
  EXPECT_EQ(posts.first(0, 2), 1u);
  EXPECT_EQ(posts.first(1, 0), 3u);
  EXPECT_EQ(posts.first(1, 2), 6u);
  for (std::size_t post = 0; post < posts.size(); ++post) {
    const auto unit = static_cast<std::size_t>(posts.unit(post));
    const auto level = static_cast<std::size_t>(posts.level(post));
    EXPECT_GE(post, posts.first(unit, level));
    EXPECT_LT(post, posts.first(unit, level) + static_cast<std::size_t>(posts.count(unit, level)));
  }
  EXPECT_EQ(posts.posts_at_level(2), 5);
}

TEST(PostTable, UniformGivesEveryUnitTheSamePosts) {
  const std::vector<std::int64_t> per_level{1, 2, 5};
  const auto posts = PostTable::uniform(4, per_level);
  EXPECT_EQ(posts.size(), 32u);
  EXPECT_EQ(posts.count(3, 2), 5);
}

TEST(PostTable, FlatteningMovesALevelsPostsToTheLevelBelow) {
  const std::vector<std::int64_t> per_level{1, 2, 1, 4, 16};
  const auto flat = PostTable::uniform(3, per_level).with_level_absorbed(2, 3);
  EXPECT_EQ(flat.size(), 72u);
  EXPECT_EQ(flat.posts_at_level(2), 0);
  EXPECT_EQ(flat.posts_at_level(3), 15);
}

}  // namespace
}  // namespace reformsim::models
