// The one-tap pulse at the real fieldvoice-central (docs/format.md "pulse"): a device uploads a
// pulse response (mode `pulse`, the pulse question's face alone, no consent, no reference) and
// the store keeps it although the consultation's required questions are unanswered; the "Tell
// us more?" response that names it is kept too. What a pulse may not be is refused, item by
// item, naming what was wrong: a second answer, a face out of range, a pulse to a consultation
// that names no pulse question. Nothing else of the batch is lost with them.
#include <gtest/gtest.h>

#include "core/util/ids.hpp"
#include "fault/support/sample_responses.hpp"
#include "integration/support/central_fixtures.hpp"

namespace fv::test {
namespace {

using nlohmann::json;

class CentralPulseIngest : public ::testing::Test {
  protected:
    void SetUp() override {
        central_.publish(sample_consultation_path());  // libraries-2027, pulse "visit-rating"
        central_.start();
        device_ = enrol_device(central_, "Witney library kiosk");
    }

    json pulse(const json& answers, const std::string& consultation = "libraries-2027") {
        json r = make_response(1, answers, consultation);
        r["mode"] = "pulse";
        r["consent"] = {
            {"privacy_notice", false}, {"quote_publicly", false}, {"contact_me", false}};
        return r;
    }

    json upload(const json& responses) {
        auto res =
            post_json(central_, "/responses", device_.token, batch(device_, responses).dump());
        EXPECT_TRUE(res);
        if (!res) return json();
        EXPECT_EQ(res->status, 200) << res->body;
        return json::parse(res->body)["results"];
    }

    CentralProcess central_;
    Device device_;
};

TEST_F(CentralPulseIngest, ATapAndItsTellUsMoreAreStoredAndWhatAPulseMayNotBeIsRefused) {
    const json tap = pulse({{"visit-rating", 2}});
    json more =
        make_response(1, {{"visit-rating", 1}, {"opening-hours", "sunday"}}, "libraries-2027");
    more["continues"] = tap["id"];
    const json two_answers = pulse({{"visit-rating", 4}, {"opening-hours", "sunday"}});
    const json out_of_range = pulse({{"visit-rating", 6}});
    const json other_question = pulse({{"recommend", 3}});
    const json results =
        upload(json::array({tap, more, two_answers, out_of_range, other_question}));
    ASSERT_EQ(results.size(), 5u) << results;
    EXPECT_EQ(results[0]["status"], "stored") << results[0];
    EXPECT_EQ(results[1]["status"], "stored") << results[1];
    for (int i : {2, 3, 4}) {
        EXPECT_EQ(results[i]["status"], "rejected") << results[i];
        EXPECT_EQ(results[i]["error"]["code"], "invalid_response") << results[i];
    }
    const std::string two = results[2]["error"]["message"].get<std::string>();
    EXPECT_NE(two.find("pulse_answers"), std::string::npos) << two;
    EXPECT_NE(two.find("\"visit-rating\""), std::string::npos) << two;
    EXPECT_NE(results[3]["error"]["message"].get<std::string>().find("visit-rating"),
              std::string::npos)
        << results[3];
    EXPECT_NE(results[4]["error"]["message"].get<std::string>().find("pulse_answers"),
              std::string::npos)
        << results[4];
}

TEST_F(CentralPulseIngest, APulseToAConsultationWithoutOneIsRefusedNamingIt) {
    // A definition with no "pulse" (its personal question sealed to a key of the samples').
    publish_test_definition(central_, 1, "enYUz9IQ/NGUsO6SsNY4QnihFYQqiS8C7WUmSA00xEY=");
    const json tap = pulse({{"rating", 3}}, kTestConsultation);
    const json results = upload(json::array({tap}));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0]["status"], "rejected") << results[0];
    const std::string message = results[0]["error"]["message"].get<std::string>();
    EXPECT_NE(message.find("has no pulse question"), std::string::npos) << message;
}

}  // namespace
}  // namespace fv::test
