// A list of statements, each with Agree / Disagree / Pass buttons; the value maps statement ids
// to "agree", "disagree" or "pass". Tapping the chosen button again takes the answer back.
#pragma once

#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

class StatementsWidget : public QuestionWidget {
  public:
    explicit StatementsWidget(const Question& question) : question_(question) {}
    bool draw(const WidgetContext& ctx, nlohmann::json& value) override;

  private:
    Question question_;
};

}  // namespace fv::widgets
