import CCairo

/// Horizontal and vertical anchor of a text box relative to its reference point.
public struct Anchor: Sendable {
    public enum Horizontal: Sendable { case left, center, right }
    public enum Vertical: Sendable { case top, center, baseline, bottom }
    public var h: Horizontal
    public var v: Vertical
    public init(_ h: Horizontal, _ v: Vertical) { self.h = h; self.v = v }
}

/// Pango markup laid out in user units (points): one context per cairo context, resolution 72 dpi
/// so a 7 pt font is 7 user units whatever the device scale, and unhinted metrics so PNG and PDF
/// place glyphs identically.
final class TextEngine {
    let cr: OpaquePointer
    private let context: OpaquePointer
    private var fonts: [Font: OpaquePointer] = [:]

    init(cr: OpaquePointer) {
        self.cr = cr
        context = pango_cairo_create_context(cr)
        pango_cairo_context_set_resolution(context, 72)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
    }

    deinit {
        for d in fonts.values { pango_font_description_free(d) }
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    private func description(_ font: Font) -> OpaquePointer {
        if let d = fonts[font] { return d }
        let d = pango_font_description_from_string(font.pangoDescription)!
        fonts[font] = d
        return d
    }

    /// A layout of `markup`; text that is not valid markup is shown literally.
    private func layout(_ markup: String, _ font: Font) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        pango_layout_set_font_description(layout, description(font))
        if TextEngine.isValidMarkup(markup) {
            pango_layout_set_markup(layout, markup, -1)
        } else {
            pango_layout_set_text(layout, markup, -1)
        }
        return layout
    }

    static func isValidMarkup(_ markup: String) -> Bool {
        pango_parse_markup(markup, -1, 0, nil, nil, nil, nil) != 0
    }

    /// Logical width, height and baseline (from the top) of `markup`, in points.
    func measure(_ markup: String, _ font: Font) -> (width: Double, height: Double, baseline: Double) {
        let l = layout(markup, font)
        defer { g_object_unref(UnsafeMutableRawPointer(l)) }
        return extents(l)
    }

    private func extents(_ l: OpaquePointer) -> (width: Double, height: Double, baseline: Double) {
        var logical = PangoRectangle()
        pango_layout_get_extents(l, nil, &logical)
        let scale = Double(PANGO_SCALE)
        return (Double(logical.width) / scale, Double(logical.height) / scale,
                Double(pango_layout_get_baseline(l)) / scale)
    }

    /// Draws `markup` with its anchor at (x, y), rotated by `angle` radians about that point.
    func draw(_ markup: String, _ font: Font, x: Double, y: Double, anchor: Anchor,
              angle: Double = 0, color: RGBA = .black) {
        let l = layout(markup, font)
        defer { g_object_unref(UnsafeMutableRawPointer(l)) }
        let e = extents(l)
        let dx: Double
        switch anchor.h {
        case .left: dx = 0
        case .center: dx = -e.width / 2
        case .right: dx = -e.width
        }
        let dy: Double
        switch anchor.v {
        case .top: dy = 0
        case .center: dy = -e.height / 2
        case .baseline: dy = -e.baseline
        case .bottom: dy = -e.height
        }
        cairo_save(cr)
        cairo_translate(cr, x, y)
        if angle != 0 { cairo_rotate(cr, angle) }
        cairo_move_to(cr, dx, dy)
        cairo_set_source_rgba(cr, color.r, color.g, color.b, color.a)
        pango_cairo_update_layout(cr, l)
        pango_cairo_show_layout(cr, l)
        cairo_restore(cr)
    }
}
