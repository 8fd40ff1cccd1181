// Easy Read pictures (see pictures.hpp).
#include "app/ui/pictures.hpp"

#include <algorithm>
#include <iostream>

#include "app/ui/probe.hpp"
#include "app/ui/ui.hpp"
#include "core/model/easy_read.hpp"
#include "stb_image.h"

namespace fv::ui {
namespace {

Pictures* g_current = nullptr;

// Reports a drawn picture to the Probe, clipped like every item: only what can be seen.
void report_image(const std::string& image, ImVec2 a, ImVec2 b) {
    const ImVec2 clip_a = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clip_b = ImGui::GetWindowDrawList()->GetClipRectMax();
    ShownItem item;
    item.label = image;
    item.x0 = std::max(a.x, clip_a.x);
    item.y0 = std::max(a.y, clip_a.y);
    item.x1 = std::min(b.x, clip_b.x);
    item.y1 = std::min(b.y, clip_b.y);
    if (item.x1 > item.x0 && item.y1 > item.y0) Probe::current().image(std::move(item));
}

// The rectangle a picture fills inside a `side` square at `at`, keeping its proportions.
void fit(const Picture& pic, ImVec2 at, float side, ImVec2& a, ImVec2& b) {
    const float k = side / static_cast<float>(std::max(pic.width, pic.height));
    const float w = pic.width * k, h = pic.height * k;
    a = ImVec2(at.x + (side - w) / 2, at.y + (side - h) / 2);
    b = ImVec2(a.x + w, a.y + h);
}

ImTextureID texture_id(const Picture& pic) {
    // Dear ImGui's SDL_Renderer backend takes the SDL_Texture* itself as the texture id.
    return static_cast<ImTextureID>(pic.texture);
}

float scale() {
    return theme().text_scale > 0 ? theme().text_scale : 1.0f;
}

}  // namespace

Pictures::Pictures(SDL_Renderer* renderer, std::filesystem::path assets_dir)
    : renderer_(renderer), assets_dir_(std::move(assets_dir)) {}

Pictures::~Pictures() {
    for (auto& [path, pic] : cache_) {
        if (pic.texture) SDL_DestroyTexture(pic.texture);
    }
    if (g_current == this) g_current = nullptr;
}

Pictures* Pictures::current() {
    return g_current;
}

void Pictures::set_current(Pictures* pictures) {
    g_current = pictures;
}

const Picture* Pictures::get(const std::string& image) {
    if (image.empty()) return nullptr;
    if (auto it = cache_.find(image); it != cache_.end()) {
        return it->second.texture ? &it->second : nullptr;
    }
    Picture& pic = cache_[image];  // a failure is remembered too: logged once, never retried
    auto fail = [&](const std::string& why) -> const Picture* {
        std::cerr << "fieldvoice: Easy Read picture \"" << image << "\" is not shown: " << why
                  << "; the text is shown without it.\n";
        return nullptr;
    };
    if (renderer_ == nullptr) return fail("no renderer");
    const auto file = resolve_image(assets_dir_, image);
    if (!file) return fail("its path leads out of the assets folder " + assets_dir_.string());
    std::string rule;
    if (auto why = png_file_problem(*file, rule)) return fail(*why);
    ++decodes_;
    int w = 0, h = 0, channels = 0;
    stbi_uc* pixels = stbi_load(file->c_str(), &w, &h, &channels, 4);
    if (pixels == nullptr) {
        return fail(file->string() + " cannot be decoded (" + stbi_failure_reason() + ")");
    }
    if (!upload(pic, pixels, w, h)) {
        return fail(std::string("the renderer refused it: ") + SDL_GetError());
    }
    return &pic;
}

const Picture* Pictures::add_png(const std::string& key, std::string_view png,
                                 const std::string& what) {
    if (auto it = cache_.find(key); it != cache_.end()) {
        return it->second.texture ? &it->second : nullptr;
    }
    Picture& pic = cache_[key];
    auto fail = [&](const std::string& why) -> const Picture* {
        std::cerr << "fieldvoice: the picture of " << what << " is not shown: " << why
                  << "; the text is shown without it.\n";
        return nullptr;
    };
    if (renderer_ == nullptr) return fail("no renderer");
    if (auto why = png_bytes_problem(png)) return fail(*why);
    ++decodes_;
    int w = 0, h = 0, channels = 0;
    stbi_uc* pixels = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(png.data()),
                                            static_cast<int>(png.size()), &w, &h, &channels, 4);
    if (pixels == nullptr) {
        return fail(std::string("it cannot be decoded (") + stbi_failure_reason() + ")");
    }
    if (!upload(pic, pixels, w, h)) {
        return fail(std::string("the renderer refused it: ") + SDL_GetError());
    }
    return &pic;
}

bool Pictures::upload(Picture& pic, unsigned char* pixels, int w, int h) {
    SDL_Texture* texture =
        SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
    if (texture != nullptr && SDL_UpdateTexture(texture, nullptr, pixels, w * 4) != 0) {
        SDL_DestroyTexture(texture);
        texture = nullptr;
    }
    stbi_image_free(pixels);
    if (texture == nullptr) return false;
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    pic = Picture{texture, w, h};
    return true;
}

bool picture(const std::string& image, float side) {
    Pictures* pictures = Pictures::current();
    const Picture* pic = pictures ? pictures->get(image) : nullptr;
    if (pic == nullptr) return false;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImVec2 a, b;
    fit(*pic, at, side, a, b);
    ImGui::Dummy(ImVec2(side, side));
    ImGui::GetWindowDrawList()->AddImage(texture_id(*pic), a, b);
    report_image(image, a, b);
    return true;
}

void easy_read_block(const std::vector<std::string>& lines, const std::string& image, float width,
                     bool large) {
    const float s = scale();
    const float side = std::min((large ? 128.0f : 96.0f) * s, width * 0.25f);
    if (!image.empty() && picture(image, side)) ImGui::SameLine(0, 24.0f * s);
    ImGui::BeginGroup();
    // Ideas a little apart, so that a wrapped line reads as part of its idea.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                        ImVec2(ImGui::GetStyle().ItemSpacing.x, (large ? 14.0f : 6.0f) * s));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (large) {
            heading(lines[i]);
        } else {
            text(lines[i]);
        }
    }
    ImGui::PopStyleVar();
    ImGui::EndGroup();
}

bool picture_button(const std::string& label, const std::string& image, float width, bool enabled,
                    bool selected, const char* id_suffix, bool picture_column) {
    const Theme& t = theme();
    const float s = scale();
    Pictures* pictures = Pictures::current();
    const Picture* pic = pictures ? pictures->get(image) : nullptr;
    const float pad = 12.0f * s;
    const float side = pic || picture_column ? 88.0f * s : 0.0f;
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float text_x = pad + (side > 0 ? side + pad : 0.0f);
    const float wrap = std::max(1.0f, width - text_x - pad);
    const ImVec2 text = font->CalcTextSizeA(size, FLT_MAX, wrap, label.c_str());
    const float height = std::max({t.min_target, side + 2 * pad, text.y + 2 * pad});

    const ImVec4 bg = selected ? t.selected : t.button;
    ImVec4 fg = selected ? t.selected_text : t.button_text;
    if (!enabled) fg.w *= ImGui::GetStyle().DisabledAlpha;
    ImGui::PushStyleColor(ImGuiCol_Button, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, t.high_contrast ? t.focus : t.selected);
    ImGui::PushStyleColor(ImGuiCol_Border, t.high_contrast ? t.text : bg);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, t.high_contrast ? 3.0f : 0.0f);
    if (!enabled) ImGui::BeginDisabled();
    const std::string id = std::string("##") + (id_suffix ? id_suffix : label.c_str());
    const bool pressed = ImGui::Button(id.c_str(), ImVec2(width, height));
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    report_last_item(label, enabled, selected);

    const ImVec2 at = ImGui::GetItemRectMin();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (pic) {
        ImVec2 a, b;
        fit(*pic, ImVec2(at.x + pad, at.y + (height - side) / 2), side, a, b);
        dl->AddImage(texture_id(*pic), a, b, ImVec2(0, 0), ImVec2(1, 1),
                     ImGui::GetColorU32(ImVec4(1, 1, 1, enabled ? 1.0f : 0.5f)));
        report_image(image, a, b);
    }
    dl->AddText(font, size, ImVec2(at.x + text_x, at.y + (height - text.y) / 2),
                ImGui::GetColorU32(fg), label.c_str(), nullptr, wrap);
    return pressed && enabled;
}

}  // namespace fv::ui
