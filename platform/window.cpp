// SDL window and renderer creation for the real app and for headless tests.
#include "platform/window.hpp"

#include <SDL.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "stb_image_write.h"

namespace fv::platform {
namespace {

std::string sdl_reason(const char* what) {
    return std::string(what) + ": " + SDL_GetError();
}

void init_video() {
    if (SDL_WasInit(SDL_INIT_VIDEO) != 0) return;
    // A kiosk must never blank its screen while a resident reads.
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // Touch screens send mouse events too; ImGui only needs one of each tap.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
        throw std::runtime_error(sdl_reason("could not start SDL video"));
    }
}

// An accelerated renderer, else a software one. SDL_RENDER_DRIVER=software (SDL's own hint)
// asks for software rendering outright: a kiosk with no GPU then never loads a software
// OpenGL (Mesa's llvmpipe alone maps ~55 MB of LLVM), and an event-driven kiosk draws few
// enough frames not to need one.
SDL_Renderer* create_renderer(SDL_Window* window, std::string& kind) {
    const char* driver = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    const bool software_asked = driver != nullptr && std::string(driver) == "software";
    SDL_Renderer* renderer = nullptr;
    if (software_asked) {
        // Else SDL presents the software window surface through an OpenGL texture.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    } else {
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED);
    }
    kind = "accelerated";
    if (renderer == nullptr) {
        // No GPU driver (a bare Xvfb, an old kiosk): software rendering still works.
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
        kind = "software";
    }
    return renderer;
}

// The first display that is not `mine`, or -1.
int other_display(int mine, int count) {
    for (int d = 0; d < count; ++d) {
        if (d != mine) return d;
    }
    return -1;
}

// The first display's bounds, as SDL reports them; the asked size at the origin when SDL
// cannot say.
ScreenRect place_on_first_display(const WindowOptions& options) {
    SDL_Rect bounds{0, 0, 0, 0};
    SDL_Rect usable{0, 0, 0, 0};
    if (SDL_GetDisplayBounds(0, &bounds) != 0 || bounds.w <= 0 || bounds.h <= 0) {
        bounds = SDL_Rect{0, 0, options.width, options.height};
    }
    if (SDL_GetDisplayUsableBounds(0, &usable) != 0 || usable.w <= 0 || usable.h <= 0) {
        usable = bounds;
    }
    return fit_window(options, {bounds.x, bounds.y, bounds.w, bounds.h},
                      {usable.x, usable.y, usable.w, usable.h});
}

class RealWindow final : public Window {
  public:
    // The app's own window; it starts SDL's video and ends it.
    explicit RealWindow(const WindowOptions& options) : owns_sdl_(true) {
        init_video();
        const ScreenRect place = place_on_first_display(options);
        Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
        // Borderless as well: with no window manager a full-screen request is not honoured,
        // and the window must already be the display's own size at its origin.
        if (options.fullscreen) {
            flags |= SDL_WINDOW_BORDERLESS | SDL_WINDOW_FULLSCREEN_DESKTOP;
        } else {
            flags |= SDL_WINDOW_RESIZABLE;
        }
        window_ = SDL_CreateWindow(options.title.c_str(), place.x, place.y, place.w, place.h,
                                   flags);
        if (window_ == nullptr) throw std::runtime_error(sdl_reason("could not open a window"));
        make_renderer();
    }
    // A borderless window filling `display`: the projector's.
    RealWindow(const std::string& title, int display) : owns_sdl_(false) {
        SDL_Rect bounds{0, 0, 1280, 720};
        SDL_GetDisplayBounds(display, &bounds);
        const Uint32 flags =
            SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_BORDERLESS | SDL_WINDOW_FULLSCREEN_DESKTOP;
        // The centred position names the display: SDL opens the window there (on X11 with a
        // screen a display, on that screen).
        window_ = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED_DISPLAY(display),
                                   SDL_WINDOWPOS_CENTERED_DISPLAY(display), bounds.w, bounds.h,
                                   flags);
        if (window_ == nullptr) {
            throw std::runtime_error(sdl_reason("could not open a window on the other display"));
        }
        make_renderer();
    }
    ~RealWindow() override {
        SDL_DestroyRenderer(renderer_);
        SDL_DestroyWindow(window_);
        if (owns_sdl_) SDL_Quit();
    }
    SDL_Window* sdl_window() const override { return window_; }
    SDL_Renderer* renderer() const override { return renderer_; }
    void size(int& width, int& height) const override {
        if (SDL_GetRendererOutputSize(renderer_, &width, &height) != 0) {
            SDL_GetWindowSize(window_, &width, &height);
        }
    }
    void present() override { SDL_RenderPresent(renderer_); }
    bool headless() const override { return false; }
    std::string renderer_kind() const override { return kind_; }
    int display_count() const override { return std::max(SDL_GetNumVideoDisplays(), 0); }
    std::unique_ptr<Window> open_on_other_display(std::string& error) override {
        const int display = other_display(SDL_GetWindowDisplayIndex(window_), display_count());
        if (display < 0) {
            error = "there is no second display";
            return nullptr;
        }
        try {
            return std::make_unique<RealWindow>("Fieldvoice presenter", display);
        } catch (const std::exception& e) {
            error = e.what();
            return nullptr;
        }
    }

  private:
    void make_renderer() {
        renderer_ = create_renderer(window_, kind_);
        if (renderer_ == nullptr) {
            std::string reason = sdl_reason("could not create a renderer");
            SDL_DestroyWindow(window_);
            if (owns_sdl_) SDL_Quit();
            throw std::runtime_error(reason);
        }
    }

    bool owns_sdl_;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    std::string kind_;
};

class HeadlessWindow final : public Window {
  public:
    // `owns_sdl`: the first headless window starts SDL's video and ends it; a second one (the
    // projector's) does neither.
    HeadlessWindow(int width, int height, const HeadlessDisplays* displays, bool owns_sdl)
        : width_(width), height_(height), displays_(displays), owns_sdl_(owns_sdl) {
        if (owns_sdl_) {
            // setenv(…, 0) keeps a driver the caller chose (e.g. "offscreen").
            setenv("SDL_VIDEODRIVER", "dummy", 0);
            init_video();
        }
        window_ = SDL_CreateWindow("Fieldvoice (headless)", 0, 0, width, height, SDL_WINDOW_HIDDEN);
        if (window_ == nullptr)
            throw std::runtime_error(sdl_reason("could not open a headless window"));
        surface_ = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
        if (surface_ == nullptr) throw std::runtime_error(sdl_reason("could not create a surface"));
        renderer_ = SDL_CreateSoftwareRenderer(surface_);
        if (renderer_ == nullptr)
            throw std::runtime_error(sdl_reason("could not create a software renderer"));
    }
    ~HeadlessWindow() override {
        SDL_DestroyRenderer(renderer_);
        SDL_FreeSurface(surface_);
        SDL_DestroyWindow(window_);
        if (owns_sdl_) SDL_Quit();
    }
    SDL_Window* sdl_window() const override { return window_; }
    SDL_Renderer* renderer() const override { return renderer_; }
    void size(int& width, int& height) const override {
        width = width_;
        height = height_;
    }
    void present() override { SDL_RenderPresent(renderer_); }
    bool headless() const override { return true; }
    std::string renderer_kind() const override { return "software"; }
    int display_count() const override { return displays_ ? displays_->count : 1; }
    std::unique_ptr<Window> open_on_other_display(std::string& error) override {
        if (display_count() < 2) {
            error = "there is no second display";
            return nullptr;
        }
        return std::make_unique<HeadlessWindow>(displays_->width, displays_->height, displays_,
                                                false);
    }

  private:
    int width_, height_;
    const HeadlessDisplays* displays_;
    bool owns_sdl_;
    SDL_Window* window_ = nullptr;
    SDL_Surface* surface_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
};

}  // namespace

ScreenRect fit_window(const WindowOptions& options, const ScreenRect& display,
                      const ScreenRect& usable) {
    if (options.fullscreen) return display;
    ScreenRect r;
    r.w = std::max(1, std::min(options.width, usable.w));
    r.h = std::max(1, std::min(options.height, usable.h));
    r.x = usable.x + (usable.w - r.w) / 2;
    r.y = usable.y + (usable.h - r.h) / 2;
    return r;
}

std::unique_ptr<Window> open_window(const WindowOptions& options) {
    return std::make_unique<RealWindow>(options);
}

std::unique_ptr<Window> open_headless_window(int width, int height,
                                             const HeadlessDisplays* displays) {
    return std::make_unique<HeadlessWindow>(width, height, displays, true);
}

std::uint32_t Window::id() const {
    return SDL_GetWindowID(sdl_window());
}

std::string save_screenshot(SDL_Renderer* renderer, const std::filesystem::path& png_path) {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0 || w <= 0 || h <= 0) {
        return sdl_reason("could not read the renderer's size");
    }
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 4);
    if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, pixels.data(), w * 4) !=
        0) {
        return sdl_reason("could not read the frame's pixels");
    }
    for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // opaque PNG
    std::error_code ec;
    if (png_path.has_parent_path()) std::filesystem::create_directories(png_path.parent_path(), ec);
    if (stbi_write_png(png_path.c_str(), w, h, 4, pixels.data(), w * 4) == 0) {
        return "could not write " + png_path.string();
    }
    return {};
}

}  // namespace fv::platform
