// The screen registry: a screen by id, its traits, an id served by another's screen.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "app/screens/screen_registry.hpp"

namespace fv::screens {
namespace {

class Named final : public Screen {
  public:
    explicit Named(std::string n) : name(std::move(n)) {}
    void draw(Flow&) override {}
    std::string name;
};

std::string name_of(const Screen& s) { return dynamic_cast<const Named&>(s).name; }

TEST(ScreenRegistry, FindsEachScreenWithItsOwnTraits) {
    ScreenRegistry r;
    r.add(ScreenId::Attract, std::make_unique<Named>("attract"));
    r.add(ScreenId::Question, std::make_unique<Named>("question"), {.timed = true});
    r.add(ScreenId::Officer, std::make_unique<Named>("officer"),
          {.timed = true, .keeps_projector = true, .scanned = false});
    EXPECT_EQ(name_of(r.screen(ScreenId::Question)), "question");
    EXPECT_FALSE(r.traits(ScreenId::Attract).timed);
    EXPECT_TRUE(r.traits(ScreenId::Attract).scanned);
    EXPECT_TRUE(r.traits(ScreenId::Question).timed);
    EXPECT_FALSE(r.traits(ScreenId::Question).keeps_projector);
    EXPECT_TRUE(r.traits(ScreenId::Officer).keeps_projector);
    EXPECT_FALSE(r.traits(ScreenId::Officer).scanned);
}

TEST(ScreenRegistry, AnAliasSharesTheScreenButNotItsTraits) {
    ScreenRegistry r;
    Screen& pin = r.add(ScreenId::Pin, std::make_unique<Named>("pin"), {.timed = true});
    r.add_alias(ScreenId::SetupPin, ScreenId::Pin);
    EXPECT_EQ(&r.screen(ScreenId::SetupPin), &pin);
    EXPECT_TRUE(r.traits(ScreenId::Pin).timed);
    EXPECT_FALSE(r.traits(ScreenId::SetupPin).timed);
}

TEST(ScreenRegistry, AnIdNeverAddedIsNamedInTheError) {
    ScreenRegistry r;
    r.add(ScreenId::Attract, std::make_unique<Named>("attract"));
    EXPECT_FALSE(r.has(ScreenId::MeetingPoll));
    try {
        r.screen(ScreenId::MeetingPoll);
        FAIL() << "no error";
    } catch (const std::out_of_range& e) {
        EXPECT_NE(std::string(e.what()).find(std::string(to_string(ScreenId::MeetingPoll))),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(r.add_alias(ScreenId::SetupPin, ScreenId::Pin), std::out_of_range);
}

}  // namespace
}  // namespace fv::screens
