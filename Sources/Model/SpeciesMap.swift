/// How species labels in a file map to the mixture's species: by name (S, M, L) or by number
/// (LAMMPS atom types). The default maps S, M, L and types 1, 2, 3 to small, medium, large.
public struct SpeciesMap: Sendable, Equatable {
    public var names: [String: Species]
    public var types: [Int: Species]

    public init(names: [String: Species], types: [Int: Species]) {
        self.names = names; self.types = types
    }

    public static let paper = SpeciesMap(names: ["S": .small, "M": .medium, "L": .large],
                                         types: [1: .small, 2: .medium, 3: .large])

    /// The species a label names: a name first, else a whole number through `types`.
    public func species(_ label: Substring) -> Species? {
        if let s = names[String(label)] { return s }
        if let t = Int(label) { return types[t] }
        return nil
    }

    /// The accepted labels, for error messages: "S, M, L or types 1, 2, 3".
    public var allowed: String {
        let n = names.sorted { ($0.value.rawValue, $0.key) < ($1.value.rawValue, $1.key) }.map(\.key)
        let t = types.keys.sorted().map(String.init)
        return [n.joined(separator: ", "), t.isEmpty ? "" : "types " + t.joined(separator: ", ")].filter { !$0.isEmpty }.joined(separator: " or ")
    }
}
