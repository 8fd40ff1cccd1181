// A row of numbered buttons from `min` to `max` with the end labels under its ends; 0..10 fits
// a 1280 px screen in one row, longer scales wrap onto more rows.
#pragma once

#include "app/widgets/question_widget.hpp"

namespace fv::widgets {

class ScaleWidget : public QuestionWidget {
  public:
    explicit ScaleWidget(const Question& question) : question_(question) {}
    bool draw(const WidgetContext& ctx, nlohmann::json& value) override;

  private:
    Question question_;
};

}  // namespace fv::widgets
