import Descriptors

extension Descriptor {
    /// This descriptor's ℓ scan out of a row over all features (descriptor blocks of `l` values,
    /// in `Descriptor` order, as every stage writes them).
    func block(_ values: [Double], ells l: Int) -> [Double] {
        Array(values[(rawValue * l)..<((rawValue + 1) * l)])
    }

    /// Every descriptor's block, in `Descriptor` order: [descriptor][ℓ].
    static func blocks(_ values: [Double], ells l: Int) -> [[Double]] { allCases.map { $0.block(values, ells: l) } }
}
