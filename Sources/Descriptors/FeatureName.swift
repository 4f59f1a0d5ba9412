/// The six physically motivated descriptors of paper Sec. II B, in the column order of the
/// authors' published feature matrix: ρ̄, φ̄, ū, Ψ̄6, Θ̄, z̄.
public enum Descriptor: Int, CaseIterable, Sendable, Codable {
    case density = 0, areaFraction, energy, bondOrder, stericOrder, coordination

    /// Stable machine name stem: `rho_bar`, `phi_bar`, `u_bar`, `psi6_bar`, `theta_bar`, `z_bar`.
    public var stem: String {
        ["rho_bar", "phi_bar", "u_bar", "psi6_bar", "theta_bar", "z_bar"][rawValue]
    }

    /// The stem used by the authors' public data (`published_values.json` `feature_names`):
    /// `rho`, `phi`, `u`, `psi6`, `theta`, `z`.
    public var publishedStem: String {
        ["rho", "phi", "u", "psi6", "theta", "z"][rawValue]
    }

    /// Symbol for figure labels (Unicode, with combining overline).
    public var symbol: String {
        ["ρ̄", "φ̄", "ū", "Ψ̄₆", "Θ̄", "z̄"][rawValue]
    }
}

/// One column of the feature matrix: a descriptor coarse-grained at length ℓ.
public struct FeatureName: Hashable, Sendable, Codable {
    public let descriptor: Descriptor
    public let ell: Double

    public init(_ descriptor: Descriptor, ell: Double) {
        self.descriptor = descriptor; self.ell = ell
    }

    /// Stable name, e.g. `theta_bar(l=2.0)`; ℓ is printed in Swift's shortest round-trip form.
    public var name: String { "\(descriptor.stem)(l=\(ell))" }
    /// The authors' name for the same column, e.g. `theta(l=2.0)`.
    public var publishedName: String { "\(descriptor.publishedStem)(l=\(ell))" }
    /// Figure label, e.g. `Θ̄(ℓ=2.0)`.
    public var label: String { "\(descriptor.symbol)(ℓ=\(ell))" }

    /// Parses a stable name such as `theta_bar(l=2.0)`; nil for anything else.
    public init?(parsing name: String) {
        guard name.hasSuffix(")"), let open = name.firstIndex(of: "("),
              let descriptor = Descriptor.allCases.first(where: { $0.stem == name[..<open] }) else { return nil }
        let argument = name[name.index(after: open)..<name.index(before: name.endIndex)]
        guard argument.hasPrefix("l="), let ell = Double(argument.dropFirst(2)), ell.isFinite else { return nil }
        self.init(descriptor, ell: ell)
    }

    /// All columns for the given ℓ list: descriptor blocks in `Descriptor` order, ℓ ascending
    /// as given within each block. Column index = descriptor.rawValue · ells.count + k.
    public static func all(ells: [Double]) -> [FeatureName] {
        Descriptor.allCases.flatMap { d in ells.map { FeatureName(d, ell: $0) } }
    }
}
