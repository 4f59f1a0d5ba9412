/// A font for Pango: family, size in points, weight and slant.
public struct Font: Hashable, Sendable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool

    public init(family: String = Font.sans, size: Double, bold: Bool = false, italic: Bool = false) {
        self.family = family; self.size = size; self.bold = bold; self.italic = italic
    }

    /// Noto places combining overbars (U+0304) over Greek and Latin correctly; DejaVu and STIX do not.
    /// Noto Sans has no minus sign (U+2212) or arrows: Noto Sans Math supplies them, not a DejaVu fallback.
    public static let sans = "Noto Sans,Noto Sans Math"
    public static let serif = "Noto Serif,Noto Sans Math"

    /// Sizes for journal figures printed at 100 %: 7–8.5 pt.
    public static let tick = Font(size: 7)
    public static let label = Font(size: 8)
    public static let legend = Font(size: 7)
    public static let panelLabel = Font(size: 8.5, bold: true)
    public static let annotation = Font(size: 7)

    /// Pango font description string, e.g. "Noto Sans Bold Italic 8".
    var pangoDescription: String {
        family + (bold ? " Bold" : "") + (italic ? " Italic" : "") + " \(size)"
    }
}
