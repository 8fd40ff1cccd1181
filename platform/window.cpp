// SDL window and renderer creation for the real app and for headless tests.
#include "platform/window.hpp"

#include <SDL.h>

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

class RealWindow final : public Window {
  public:
    explicit RealWindow(const WindowOptions& options) {
        init_video();
        Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
        if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                   SDL_WINDOWPOS_CENTERED, options.width, options.height, flags);
        if (window_ == nullptr) throw std::runtime_error(sdl_reason("could not open a window"));
        // SDL_RENDER_DRIVER=software (SDL's own hint) asks for software rendering outright: a
        // kiosk with no GPU then never loads a software OpenGL (Mesa's llvmpipe alone maps
        // ~55 MB of LLVM), and an event-driven kiosk draws few enough frames not to need one.
        const char* driver = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
        const bool software_asked = driver != nullptr && std::string(driver) == "software";
        if (software_asked) {
            // Else SDL presents the software window surface through an OpenGL texture.
            SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        } else {
            renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED);
        }
        kind_ = "accelerated";
        if (renderer_ == nullptr) {
            // No GPU driver (a bare Xvfb, an old kiosk): software rendering still works.
            renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
            kind_ = "software";
        }
        if (renderer_ == nullptr) {
            std::string reason = sdl_reason("could not create a renderer");
            SDL_DestroyWindow(window_);
            throw std::runtime_error(reason);
        }
    }
    ~RealWindow() override {
        SDL_DestroyRenderer(renderer_);
        SDL_DestroyWindow(window_);
        SDL_Quit();
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

  private:
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    std::string kind_;
};

class HeadlessWindow final : public Window {
  public:
    HeadlessWindow(int width, int height) : width_(width), height_(height) {
        // setenv(…, 0) keeps a driver the caller chose (e.g. "offscreen").
        setenv("SDL_VIDEODRIVER", "dummy", 0);
        init_video();
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
        SDL_Quit();
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

  private:
    int width_, height_;
    SDL_Window* window_ = nullptr;
    SDL_Surface* surface_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
};

}  // namespace

std::unique_ptr<Window> open_window(const WindowOptions& options) {
    return std::make_unique<RealWindow>(options);
}

std::unique_ptr<Window> open_headless_window(int width, int height) {
    return std::make_unique<HeadlessWindow>(width, height);
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
