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
    /// With `replicas` (one count per element, from `foreach` with `replicas`) element i has
    /// `replicas[i]` tasks, numbered element by element: a two-level fan-out.
    case foreach(field: String, values: [ParameterValue], perTask: [String: [ParameterValue]], replicas: [Int]?)

    /// Number of tasks, or nil for `.single`.
    public var count: Int? {
        switch self {
        case .single: return nil
        case .replicas(let n): return n
        case .foreach(_, let v, _, let r): return r?.reduce(0, +) ?? v.count
        }
    }

    /// `foreach` with replicas per element.
    public var isTwoLevel: Bool { if case .foreach(_, _, _, .some) = self { true } else { false } }

    /// Number of `foreach` elements, or nil for the other forms.
    public var elementCount: Int? {
        if case .foreach(_, let v, _, _) = self { return v.count }
        return nil
    }

    /// Tasks of each `foreach` element (one each without `replicas`), or nil for the other forms.
    public var replicasPerElement: [Int]? {
        guard case .foreach(_, let v, _, let r) = self else { return nil }
        return r ?? Array(repeating: 1, count: v.count)
    }

    /// The `foreach` element of task `i` (nil for the other forms).
    public func element(ofTask i: Int) -> Int? {
        guard let per = replicasPerElement else { return nil }
        var start = 0
        for (e, n) in per.enumerated() {
            if i < start + n { return e }
            start += n
        }
        return nil
    }

    /// Task indices of `foreach` element `e`, in order.
    public func tasks(ofElement e: Int) -> Range<Int> {
        let per = replicasPerElement ?? []
        let start = per.prefix(e).reduce(0, +)
        return start..<(start + (e < per.count ? per[e] : 0))
    }

    /// Task `i`'s index among the tasks of its element: its index, except in a two-level fan-out,
    /// where it counts within the element (the configuration index of a replica).
    public func replica(ofTask i: Int) -> Int {
        guard case .foreach(_, _, _, .some) = self, let e = element(ofTask: i) else { return i }
        return i - tasks(ofElement: e).lowerBound
    }

    /// Task `i`'s parameters: for `foreach`, its element replaces each fanned-out list.
    public func parameters(_ stage: Parameters, task i: Int) -> Parameters {
        guard case .foreach(let f, let values, let perTask, _) = self, let e = element(ofTask: i) else { return stage }
        var p = stage
        p[f] = values[e]
        for (name, items) in perTask { p[name] = items[e] }
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
    /// Replica j of each element of a two-level upstream (`"stage[*,j]"`): of the downstream
    /// task's own element when both stages fan out over equally many elements, else of every element.
    case replica(Int)
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
    /// `seed_from`: the tasks take the seeds of stage `seedFrom`'s tasks (which need not exist),
    /// task i that of `seedFrom[e]` with e its `foreach` element (else i); nil = the stage's own.
    public var seedFrom: String? = nil
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
