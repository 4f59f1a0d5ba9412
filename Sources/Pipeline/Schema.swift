/// Parameter schemas: what the join declares for each stage kind (field types, defaults,
/// ranges, allowed values, inputs, cross-field checks). The manifest is validated against them.
import Foundation

/// Type of a parameter field.
public indirect enum FieldType: Sendable, Hashable, CustomStringConvertible {
    case int, double, string, bool
    /// A list whose elements all have the given type.
    case list(FieldType)
    /// A table of names to values of the given type (e.g. a command's repository files).
    case table(FieldType)

    public var isList: Bool { if case .list = self { true } else { false } }

    public var description: String {
        switch self {
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .bool: return "bool"
        case .list(let e): return "list of \(e)"
        case .table(let e): return "table of \(e)"
        }
    }
}

/// One declared parameter of a stage kind.
public struct FieldSpec: Sendable {
    public var name: String
    public var type: FieldType
    /// Value used when neither base, stage nor profile sets the field; nil = required.
    public var defaultValue: ParameterValue?
    /// Numeric bounds (applied to each element of a list).
    public var minimum: Double?
    public var maximum: Double?
    /// Bounds are strict when true (e.g. temperature > 0).
    public var minimumExclusive: Bool
    public var maximumExclusive: Bool
    /// Closed set of values (applied to each element of a list).
    public var allowed: [ParameterValue]?
    /// One line of documentation, shown in errors and generated docs.
    public var help: String
    /// For a field added to a kind after its results were cached, whose default keeps the old
    /// behaviour: at the default it stays out of the cache key, so those entries stay valid.
    public var omitDefaultFromKey = false

    public init(_ name: String, _ type: FieldType, default defaultValue: ParameterValue? = nil,
                minimum: Double? = nil, maximum: Double? = nil,
                minimumExclusive: Bool = false, maximumExclusive: Bool = false,
                allowed: [ParameterValue]? = nil, help: String = "") {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.maximum = maximum
        self.minimumExclusive = minimumExclusive
        self.maximumExclusive = maximumExclusive
        self.allowed = allowed
        self.help = help
    }

    /// The field with `omitDefaultFromKey` set.
    public func omittingDefaultFromKey() -> FieldSpec {
        var f = self
        f.omitDefaultFromKey = true
        return f
    }

    /// The allowed range as text, e.g. "> 0", "in [1, 10]".
    var rangeText: String {
        switch (minimum, maximum) {
        case let (lo?, hi?): return "in \(minimumExclusive ? "(" : "[")\(lo), \(hi)\(maximumExclusive ? ")" : "]")"
        case let (lo?, nil): return minimumExclusive ? "> \(lo)" : "≥ \(lo)"
        case let (nil, hi?): return maximumExclusive ? "< \(hi)" : "≤ \(hi)"
        default: return "any"
        }
    }
}

/// One named input a stage kind expects (e.g. "configuration").
public struct InputSpec: Sendable {
    public var name: String
    public var required: Bool
    public var help: String
    public init(_ name: String, required: Bool = true, help: String = "") {
        self.name = name
        self.required = required
        self.help = help
    }
}

/// A problem found by a cross-field check, located at `field` of the stage.
public struct FieldIssue: Sendable, Error, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }
    public init(field: String, message: String) { self.init(field: field, message) }
    public var description: String { "\(field): \(message)" }
}

/// What the join knows about a task when saying which of its files to export.
public struct ExportContext: Sendable {
    public var taskID: TaskID
    public var kind: String
    public var parameters: Parameters
    /// Names of the files the task produced.
    public var files: [String]
}

/// One exported file: `file` of the task's entry, copied (or hard-linked) to `path`
/// relative to `results/<profile>/`.
public struct ExportItem: Sendable, Hashable {
    public var file: String
    public var path: String
    public init(file: String, as path: String) {
        self.file = file
        self.path = path
    }
}

/// A stage kind: schema, algorithm version, thread use, export rule and the task function.
public struct StageKind: Sendable {
    public var name: String
    /// Bump when the algorithm changes; part of every cache key of this kind.
    public var version: Int
    public var fields: [FieldSpec]
    public var inputs: [InputSpec]
    /// Cross-field checks on validated parameters (e.g. N divisible into species fractions).
    public var checks: [@Sendable (Parameters) -> [FieldIssue]]
    /// Threads a task of this kind keeps busy (the executor reserves that many workers).
    public var threads: @Sendable (Parameters) -> Int
    /// `threads` of a kind that uses every core it is given: the local executor reserves all its
    /// workers, a Slurm element asks for `max_cpus_per_task`, whatever machine plans the run (a
    /// driver in a one-CPU Slurm job must not shrink the tasks it submits).
    public static let everyCore = 1 << 16
    /// Which files to publish under `results/<profile>/`.
    public var exports: @Sendable (ExportContext) -> [ExportItem]
    /// The work. Writes output files into `context.outputDirectory`.
    public var run: @Sendable (TaskContext) throws -> Void
    /// Relative cost of one task (e.g. sweeps × runs × N), for the run's time estimate; default 1.
    /// It sees the task's parameters and, by input name, those of its upstream tasks (a task
    /// whose length is set upstream, like a run to τα, can size itself from there).
    public var cost: @Sendable (_ parameters: Parameters, _ upstream: [String: [Parameters]]) -> Double = { _, _ in 1 }
    /// A hash of the source code the kind's results depend on, recorded with every entry, so
    /// `status` and the report can say when a result was computed by different code although
    /// `version` was not bumped. Not part of the cache key: a comment edit must not recompute.
    public var codeFingerprint: String? = nil
    /// Inputs are named by the manifest (any valid name) rather than declared in `inputs`.
    public var acceptsAnyInput = false
    /// The file of a task's entry holding values the report quotes (a flat JSON object), and the
    /// keys it holds, declared before the task runs; the report sees them as `<stage>.<key>`.
    public var valuesFile: String? = nil
    public var providedValues: @Sendable (Parameters) -> [String] = { _ in [] }
    /// SHA-256 (hex) of files outside the cache that a task reads, by name: added to its
    /// parameters as `file_sha256` when the graph is built, so a changed file is a new cache key.
    public var fileDigests: (@Sendable (Parameters) -> [String: String])? = nil

    public init(_ name: String, version: Int, fields: [FieldSpec] = [], inputs: [InputSpec] = [],
                checks: [@Sendable (Parameters) -> [FieldIssue]] = [],
                threads: @escaping @Sendable (Parameters) -> Int = { _ in 1 },
                exports: @escaping @Sendable (ExportContext) -> [ExportItem] = { _ in [] },
                run: @escaping @Sendable (TaskContext) throws -> Void) {
        self.name = name
        self.version = version
        self.fields = fields
        self.inputs = inputs
        self.checks = checks
        self.threads = threads
        self.exports = exports
        self.run = run
    }

    func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// The parameters a cache key hashes: without the fields left at a default that
    /// `omitDefaultFromKey` keeps out of it.
    public func keyParameters(_ p: Parameters) -> Parameters {
        var out = p
        for f in fields where f.omitDefaultFromKey && f.defaultValue != nil && p[f.name] == f.defaultValue { out[f.name] = nil }
        return out
    }
}

/// The stage kinds a manifest may use; filled by the join.
public struct StageRegistry: Sendable {
    public private(set) var kinds: [String: StageKind] = [:]
    /// Manifest-wide checks over all stages' parameters (stage name → parameters).
    public var manifestChecks: [@Sendable ([String: Parameters]) -> [ManifestIssue]] = []
    /// Manifest-wide checks that need the graph: kinds, inputs and fan-out of every stage (e.g. a
    /// radius bounded by the box of an upstream configuration). Issues are located where the
    /// field was set (stage, profile override or base).
    public var graphChecks: [@Sendable ([StageDefinition]) -> [ManifestIssue]] = []
    /// The value keys the join's report can provide; when set, an expectation on any other key
    /// (or on `<key>.sem` of one without it, for `tolerance_mode = "sem"`) is a manifest error.
    public var valueKeys: ValueKeySet?
    /// What an expectation's `reference` may name and how the report labels it.
    public var reference = ReferenceValues()
    /// Checks of the merged `[executor]` table whatever the executor (e.g. the Slurm keys), as
    /// (key, message); filled by the join, which knows the executors.
    public var executorChecks: [@Sendable ([String: ParameterValue]) -> [(key: String, message: String)]] = []

    public init(_ kinds: [StageKind] = []) {
        for k in kinds { register(k) }
    }

    public mutating func register(_ kind: StageKind) {
        precondition(kinds[kind.name] == nil, "stage kind '\(kind.name)' registered twice")
        kinds[kind.name] = kind
    }

    public subscript(name: String) -> StageKind? { kinds[name] }
}

/// The study's reference values (e.g. published numbers): the prefix of the value keys
/// an expectation's `reference` may name, the summary table's column header, and expectation
/// keys the study renamed (old → new), which get a message naming the new key.
public struct ReferenceValues: Sendable {
    public var prefix: String
    public var label: String
    /// A key after the prefix, for messages.
    public var example: String
    public var renamedKeys: [String: String]

    public init(prefix: String = "reference.", label: String = "Reference", example: String = "slope", renamedKeys: [String: String] = [:]) {
        self.prefix = prefix
        self.label = label
        self.example = example
        self.renamedKeys = renamedKeys
    }
}

/// A problem found by a manifest-wide check: the stage and field it concerns.
public struct ManifestIssue: Sendable {
    public var stage: String
    public var field: String
    public var message: String
    public init(stage: String, field: String, _ message: String) {
        self.stage = stage
        self.field = field
        self.message = message
    }
}
