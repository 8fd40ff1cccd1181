// Easy Read pictures: PNGs from the assets folder, decoded with Debian's stb_image, uploaded as
// SDL textures once and kept for the life of the app; and the two ways they are drawn, beside a
// prompt's lines and inside an option's button. A missing or broken picture is logged once and
// left out: the text is always shown.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fv::ui {

struct Picture {
    SDL_Texture* texture = nullptr;
    int width = 0, height = 0;
};

class Pictures {
  public:
    Pictures(SDL_Renderer* renderer, std::filesystem::path assets_dir);
    ~Pictures();
    Pictures(const Pictures&) = delete;
    Pictures& operator=(const Pictures&) = delete;

    // The picture at `image` (a definition's path, relative to the assets folder), loaded on
    // the first ask; nullptr when "" or when it cannot be shown (then logged, once).
    const Picture* get(const std::string& image);
    // A picture given as PNG bytes (a "you said, we did" entry's), kept under `key` for get()
    // and picture(); a key already kept is not decoded again. nullptr when the bytes are not a
    // PNG the kiosk can show (then logged, once, naming `what`).
    const Picture* add_png(const std::string& key, std::string_view png, const std::string& what);
    // Whether `key` was given to add_png (or get) already, shown or not.
    bool kept(const std::string& key) const { return cache_.count(key) > 0; }
    // How many files were read and decoded: each at most once, however often it is drawn.
    int decodes() const { return decodes_; }

    // The pictures the app draws with (set by the app; nullptr in a frame without one).
    static Pictures* current();
    static void set_current(Pictures* pictures);

  private:
    // Makes `pic` a texture of the decoded RGBA `pixels` (freed here); false when the renderer
    // refuses it (SDL_GetError says why).
    bool upload(Picture& pic, unsigned char* pixels, int w, int h);

    SDL_Renderer* renderer_;
    std::filesystem::path assets_dir_;
    std::map<std::string, Picture> cache_;  // failures too, with a null texture
    int decodes_ = 0;
};

// Draws a square picture of side `side` at the cursor as one ImGui item, and reports it to the
// Probe under its path. Nothing is drawn (and false returned) when it cannot be shown.
bool picture(const std::string& image, float side);

// Easy Read lines with their picture (if any) on the left, and each line wrapped to its right,
// in the heading font for a prompt (`large`), else the body font (a statement). Each line is
// reported to the Probe as a text.
void easy_read_block(const std::vector<std::string>& lines, const std::string& image, float width,
                     bool large = true);

// An option's button in Easy Read: the picture (if any) on the left inside the button, the
// text beside it, wrapped; as tall as both need. `picture_column` keeps the picture's room even
// without one (or when it cannot be shown), so that the texts of a list start level.
// Otherwise as ui::button: reported to the Probe under `label`, true when tapped and enabled.
bool picture_button(const std::string& label, const std::string& image, float width, bool enabled,
                    bool selected, const char* id_suffix, bool picture_column = false);

}  // namespace fv::ui
