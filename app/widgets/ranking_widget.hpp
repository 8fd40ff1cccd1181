// Drag-free ranking for touch screens: tap options in order of importance to fill places
// 1..top, tap a numbered one to take it out (the ones after it move up), or Clear.
#pragma once

#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

class RankingWidget : public QuestionWidget {
  public:
    explicit RankingWidget(const Question& question) : question_(question) {}
    bool draw(const WidgetContext& ctx, nlohmann::json& value) override;
    std::string problem(const WidgetContext& ctx, const nlohmann::json& value) const override;

    // How many places to fill: `top`, or every option when top is unset or too large.
    std::size_t places() const;

  private:
    Question question_;
};

}  // namespace fv::widgets
