import Foundation
import Formats

/// The on-disk form of one configuration's descriptors, loadable with numpy alone:
/// - `features.npy`: N × F float64, raw values, columns as in the names file;
/// - `features.names.json`: JSON array of the F column names (`<stem>.names.json` for any stem);
/// - `species.npy`: N int32 species codes, 0 = S, 1 = M, 2 = L (same directory).
public enum DescriptorFiles {
    /// Where the names and species go for a features file at `features`.
    public static func companions(of features: URL) -> (names: URL, species: URL) {
        let directory = features.deletingLastPathComponent()
        let stem = features.deletingPathExtension().lastPathComponent
        return (directory.appendingPathComponent(stem + ".names.json"), directory.appendingPathComponent("species.npy"))
    }

    /// Writes the three files (each atomically); returns their URLs. Refuses (before writing
    /// anything) a feature matrix holding NaN or ±inf unless `allowNonFinite`.
    @discardableResult
    public static func write(_ result: DescriptorResult, to features: URL, allowNonFinite: Bool = false) throws -> [URL] {
        let (names, species) = companions(of: features)
        let matrix = NpyArray(shape: [result.particleCount, result.featureCount], values: result.features)
        if !allowNonFinite { try matrix.requireFinite(path: features.path) }
        try writeAtomically(matrix.encoded(), to: features)
        try writeAtomically(namesJSON(result.names), to: names)
        try writeAtomically(NpyArray(int32: result.species.map { Int32($0.rawValue) }).encoded(), to: species)
        return [features, names, species]
    }

    /// `["rho_bar(l=0.5)", …]`, one name per line for readable diffs.
    static func namesJSON(_ names: [String]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(names)
        data.append(0x0A)
        return data
    }
}
