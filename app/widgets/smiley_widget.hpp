// Five faces drawn large, from very unhappy (1) to very happy (5), each with its name under
// it, so the scale reads without words and with them.
#pragma once

#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

class SmileyWidget : public QuestionWidget {
  public:
    // `max_face`: the largest a face grows, in pixels at 100% text (the attract screen's
    // pulse keeps its faces smaller than a question page's, to leave room for the rest).
    explicit SmileyWidget(const Question& question, float max_face = 180.0f)
        : question_(question), max_face_(max_face) {}
    bool draw(const WidgetContext& ctx, nlohmann::json& value) override;

  private:
    Question question_;
    float max_face_;
};

}  // namespace fv::widgets
