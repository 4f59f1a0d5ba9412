import Foundation

/// The configuration file formats read for analysis, chosen by extension or named explicitly.
public enum ConfigurationFormat: String, CaseIterable, Sendable {
    /// Extended XYZ (`.xyz`, `.extxyz`).
    case extxyz
    /// LAMMPS text dump (`.dump`, `.lammpstrj`).
    case lammps

    public static let extensions: [String: ConfigurationFormat] =
        ["xyz": .extxyz, "extxyz": .extxyz, "dump": .lammps, "lammpstrj": .lammps]

    /// The format a file's extension names, or nil.
    public init?(path: String) {
        guard let f = Self.extensions[URL(fileURLWithPath: path).pathExtension.lowercased()] else { return nil }
        self = f
    }

    /// Frame `frame` of `url` (0-based; negative from the end; nil: the last).
    public func read(from url: URL, frame: Int? = nil, speciesMap: SpeciesMap = .paper) throws -> Configuration {
        switch self {
        case .extxyz: try ExtendedXYZ.read(from: url, frame: frame, speciesMap: speciesMap)
        case .lammps: try LammpsDump.read(from: url, frame: frame, speciesMap: speciesMap)
        }
    }
}
