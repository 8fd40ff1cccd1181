// make_widget: the one place that maps a question type to its widget class.
#include "app/widgets/email_widget.hpp"
#include "app/widgets/info_widget.hpp"
#include "app/widgets/multi_choice_widget.hpp"
#include "app/widgets/number_widget.hpp"
#include "app/widgets/phone_widget.hpp"
#include "app/widgets/postcode_widget.hpp"
#include "app/widgets/question_widget.hpp"
#include "app/widgets/ranking_widget.hpp"
#include "app/widgets/scale_widget.hpp"
#include "app/widgets/single_choice_widget.hpp"
#include "app/widgets/smiley_widget.hpp"
#include "app/widgets/statements_widget.hpp"
#include "app/widgets/text_widget.hpp"

namespace fv::widgets {

std::unique_ptr<QuestionWidget> make_widget(const Question& question) {
    switch (question.type) {
        case QuestionType::SingleChoice:
            return std::make_unique<SingleChoiceWidget>(question);
        case QuestionType::MultiChoice:
            return std::make_unique<MultiChoiceWidget>(question);
        case QuestionType::Smiley:
            return std::make_unique<SmileyWidget>(question);
        case QuestionType::Scale:
            return std::make_unique<ScaleWidget>(question);
        case QuestionType::Text:
            return std::make_unique<TextWidget>(question);
        case QuestionType::Number:
            return std::make_unique<NumberWidget>(question);
        case QuestionType::Postcode:
            return std::make_unique<PostcodeWidget>(question);
        case QuestionType::Ranking:
            return std::make_unique<RankingWidget>(question);
        case QuestionType::Statements:
            return std::make_unique<StatementsWidget>(question);
        case QuestionType::Email:
            return std::make_unique<EmailWidget>(question);
        case QuestionType::Phone:
            return std::make_unique<PhoneWidget>(question);
        case QuestionType::Info:
            return std::make_unique<InfoWidget>();
    }
    return std::make_unique<InfoWidget>();
}

}  // namespace fv::widgets
