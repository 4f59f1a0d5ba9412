/// The validated manifest for one profile: global seed, stage definitions with their merged
/// and checked parameters, and the expectations that apply. Built by `Manifest.load`; see
/// README.md in this directory for the file format.
import Foundation

/// How a stage expands into tasks.
public enum FanOut: Sendable, Hashable {
    /// One task, id `NAME`.
    case single
    /// `count` tasks `NAME[0]…NAME[count-1]` with identical parameters and distinct seeds.
    case replicas(Int)
    /// One task per element of the list parameter `field`; each task sees the element, and
    /// element i of each field in `perTask` (scalar fields given one value per element).
    case foreach(field: String, values: [ParameterValue], perTask: [String: [ParameterValue]])

    /// Number of tasks, or nil for `.single`.
    public var count: Int? {
        switch self {
        case .single: return nil
        case .replicas(let n): return n
        case .foreach(_, let v, _): return v.count
        }
    }

    /// Task `i`'s parameters: for `foreach`, element i replaces each fanned-out list.
    public func parameters(_ stage: Parameters, task i: Int) -> Parameters {
        guard case .foreach(let f, let values, let perTask) = self else { return stage }
        var p = stage
        p[f] = values[i]
        for (name, items) in perTask { p[name] = items[i] }
        return p
    }
}

/// Which upstream tasks feed one named input.
public enum InputSelector: Sendable, Hashable {
    /// Same index when both stages fan out with equal counts, all upstream tasks when only the
    /// upstream fans out, the single upstream task otherwise.
    case automatic
    /// Every task of the upstream stage (`"stage[*]"`), in index order.
    case all
    /// One task (`"stage[3]"`).
    case index(Int)
}

/// A reference from an input of one stage to another stage.
public struct InputReference: Sendable, Hashable {
    public var stage: String
    public var selector: InputSelector
}

/// One stage of the manifest after profile merging and validation.
public struct StageDefinition: Sendable {
    public var name: String
    public var kind: String
    /// Validated parameters with defaults filled (for `foreach`, the field and every per-task
    /// field hold the whole list).
    public var parameters: Parameters
    public var inputs: [String: InputReference]
    public var fanOut: FanOut
}

/// A loaded, validated manifest for one profile.
public struct Manifest: Sendable {
    public var file: URL?
    /// Selected profile; nil = base only.
    public var profile: String?
    /// All profiles declared in the file.
    public var profiles: [String]
    /// Global seed (`base.seed`, overridable per profile); every task's seed derives from it.
    public var seed: UInt64
    /// Base parameters after the profile override (without `seed`).
    public var base: Parameters
    /// Stages present in this profile, sorted by name.
    public var stages: [StageDefinition]
    /// Expectations that apply to this profile, in file order.
    public var expectations: [Expectation]
    /// Names of all expectations in the file, whatever their profiles (for `ReportRenderer`).
    public var declaredExpectationNames: Set<String>
    /// Opaque `[executor]` table for executors (e.g. Slurm options), after the profile override.
    public var executor: [String: ParameterValue]
    /// The value keys the study can provide (the registry's and those stages declare); nil = unchecked.
    public var valueKeys: ValueKeySet?
    /// What an expectation's `reference` names and how the report labels it.
    public var reference: ReferenceValues

    public func stage(_ name: String) -> StageDefinition? { stages.first { $0.name == name } }
}

extension Manifest {
    /// Profile and stage names become directory and file names (results/<profile>/, records of
    /// `<stage>[i]`), so they are restricted to `[A-Za-z0-9_-]+`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
        }
    }

    /// Why a name was refused, for messages and the CLI.
    public static func nameRule(_ what: String) -> String {
        "a \(what) name is [A-Za-z0-9_-]+ (letters, digits, '_' and '-'), because it becomes a file or directory name"
    }
}
