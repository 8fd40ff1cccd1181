// show_if walked in definition order.
#include "app/question_order.hpp"

#include "core/model/answers.hpp"

namespace fv {

bool is_answered(const nlohmann::json& value) {
    if (value.is_null()) return false;
    if (value.is_string() || value.is_array() || value.is_object()) return !value.empty();
    return true;
}

namespace {

// Walks the questions once, keeping only answers of shown questions as it goes, so that
// show_if sees exactly what will be stored.
template <typename OnShown>
void walk(const Consultation& c, const nlohmann::json& answers, std::string_view audience,
          OnShown on_shown) {
    const bool by_audience = c.asks(audience);
    nlohmann::json kept = nlohmann::json::object();
    for (std::size_t i = 0; i < c.questions.size(); ++i) {
        const Question& q = c.questions[i];
        if (by_audience && !asked_of(q, audience)) continue;
        if (!is_shown(q, kept)) continue;
        on_shown(i);
        auto it = answers.find(q.id);
        if (it != answers.end() && is_answered(*it)) kept[q.id] = *it;
    }
}

}  // namespace

std::vector<std::size_t> shown_questions(const Consultation& c, const nlohmann::json& answers,
                                         std::string_view audience) {
    std::vector<std::size_t> out;
    walk(c, answers, audience, [&out](std::size_t i) { out.push_back(i); });
    return out;
}

nlohmann::json shown_answers(const Consultation& c, const nlohmann::json& answers,
                             std::string_view audience) {
    nlohmann::json out = nlohmann::json::object();
    walk(c, answers, audience, [&](std::size_t i) {
        const Question& q = c.questions[i];
        auto it = answers.find(q.id);
        if (q.type != QuestionType::Info && it != answers.end() && is_answered(*it)) {
            out[q.id] = *it;
        }
    });
    return out;
}

}  // namespace fv
