/// An sRGB colour with alpha, components in [0, 1].
public struct RGBA: Equatable, Sendable {
    public var r: Double, g: Double, b: Double, a: Double

    public init(_ r: Double, _ g: Double, _ b: Double, _ a: Double = 1) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }

    /// A colour from a 24-bit hex literal such as `0x0072B2`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255,
                  Double(hex & 0xFF) / 255, alpha)
    }

    /// The same colour with another alpha.
    public func withAlpha(_ a: Double) -> RGBA { RGBA(r, g, b, a) }

    public static let black = RGBA(0, 0, 0)
    public static let white = RGBA(1, 1, 1)
    public static let grey = RGBA(0.5, 0.5, 0.5)
}

/// Fixed colours shared by every figure, so a descriptor or method looks the same everywhere.
/// Okabe–Ito palette: distinguishable under the common colour-vision deficiencies.
public enum Palette {
    public static let orange = RGBA(hex: 0xE69F00)
    public static let skyBlue = RGBA(hex: 0x56B4E9)
    public static let bluishGreen = RGBA(hex: 0x009E73)
    public static let blue = RGBA(hex: 0x0072B2)
    public static let vermillion = RGBA(hex: 0xD55E00)
    public static let reddishPurple = RGBA(hex: 0xCC79A7)

    /// Colour of the six descriptors in the paper's order ρ̄, φ̄, ū, Ψ̄₆, Θ̄, z̄.
    public static let descriptors: [RGBA] = [blue, orange, bluishGreen, reddishPurple, vermillion, skyBlue]
    /// Marker of the six descriptors (redundant with colour, for greyscale print).
    public static let descriptorMarkers: [MarkerShape] = [.circle, .square, .diamond, .triangleDown, .triangle, .pentagon]

    /// Colour of the four selection methods: supervised II, unsupervised II, Lasso, random.
    public static let methods: [RGBA] = [blue, vermillion, bluishGreen, reddishPurple]
    public static let methodMarkers: [MarkerShape] = [.circle, .square, .diamond, .triangle]

    /// Colour of the three species S, M, L.
    public static let species: [RGBA] = [blue, orange, bluishGreen]

    /// The muted style of published reference data overlaid on our results.
    public static let paper = RGBA(0.55, 0.55, 0.55)
}
