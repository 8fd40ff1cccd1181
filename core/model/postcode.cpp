// UK postcodes: recognising and normalising what residents type ("ox11aa", " sw1a 1aa ") into
// the Royal Mail form ("OX1 1AA"), or only its outward code for district precision.
#include <cctype>
#include <string>

#include "core/model/answers.hpp"

namespace fv {

namespace {

bool is_letter(char ch) {
    return ch >= 'A' && ch <= 'Z';
}
bool is_digit(char ch) {
    return ch >= '0' && ch <= '9';
}
bool in(char ch, std::string_view set) {
    return set.find(ch) != std::string_view::npos;
}

// The outward code's shapes: A9, A99, AA9, AA99, A9A, AA9A. Royal Mail never uses Q, V, X first,
// I, J, Z second, and limits the trailing letters of A9A and AA9A.
bool is_outward(std::string_view out) {
    if (out.size() < 2 || out.size() > 4) return false;
    if (!is_letter(out[0]) || in(out[0], "QVX")) return false;
    if (is_digit(out[1])) {  // A9, A99, A9A
        if (out.size() == 2) return true;
        if (out.size() == 3) return is_digit(out[2]) || in(out[2], "ABCDEFGHJKPSTUW");
        return false;
    }
    if (!is_letter(out[1]) || in(out[1], "IJZ")) return false;
    if (out.size() < 3 || !is_digit(out[2])) return false;  // AA9, AA99, AA9A
    if (out.size() == 3) return true;
    return is_digit(out[3]) || in(out[3], "ABEHMNPRVWXY");
}

// The inward code: a digit and two letters, never C, I, K, M, O or V.
bool is_inward(std::string_view in_code) {
    return in_code.size() == 3 && is_digit(in_code[0]) && is_letter(in_code[1]) &&
           is_letter(in_code[2]) && !in(in_code[1], "CIKMOV") && !in(in_code[2], "CIKMOV");
}

}  // namespace

std::optional<std::string> normalise_postcode(std::string_view text, PostcodePrecision precision) {
    std::string compact;
    for (char ch : text) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') continue;
        if (compact.size() >= 8) return std::nullopt;  // longer than any postcode
        compact += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    // Girobank's "GIR 0AA" predates the rules but is a real, still-used postcode.
    if (compact == "GIR" && precision == PostcodePrecision::District) return compact;
    if (compact == "GIR0AA") {
        return precision == PostcodePrecision::District ? std::string("GIR")
                                                        : std::string("GIR 0AA");
    }
    if (precision == PostcodePrecision::District && is_outward(compact)) return compact;
    if (compact.size() < 5) return std::nullopt;
    std::string_view all(compact);
    std::string_view outward = all.substr(0, all.size() - 3), inward = all.substr(all.size() - 3);
    if (!is_outward(outward) || !is_inward(inward)) return std::nullopt;
    if (precision == PostcodePrecision::District) return std::string(outward);
    return std::string(outward) + " " + std::string(inward);
}

}  // namespace fv
