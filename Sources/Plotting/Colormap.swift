/// A colour map from [0, 1] to colours by piecewise-linear interpolation between stops.
public struct Colormap: Sendable {
    public let stops: [RGBA]

    public init(stops: [RGBA]) {
        precondition(stops.count >= 2, "Colormap needs at least two stops")
        self.stops = stops
    }

    /// The colour at `t`, clamped to [0, 1]; NaN maps to mid grey.
    public func color(at t: Double) -> RGBA {
        guard t.isFinite else { return .grey }
        let u = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(u), stops.count - 2)
        let f = u - Double(i)
        let a = stops[i], b = stops[i + 1]
        return RGBA(a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f)
    }

    /// Viridis (perceptually uniform, colour-blind safe), 16 equally spaced samples of its table.
    public static let viridis = Colormap(stops: [
        0x440154, 0x481A6C, 0x472F7D, 0x414487, 0x39568C, 0x31688E, 0x2A788E, 0x23888E,
        0x1F988B, 0x22A884, 0x35B779, 0x54C568, 0x7AD151, 0xA5DB36, 0xD2E21B, 0xFDE725,
    ].map { RGBA(hex: $0) })
}
