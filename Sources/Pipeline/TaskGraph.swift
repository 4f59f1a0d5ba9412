/// The task graph: each stage expanded into its tasks (fan-out), inputs matched by index or
/// gathered, seeds derived from the global seed and the task's identity, and cache keys
/// computed — all before anything runs, since keys depend only on definitions.
import Foundation
import Crypto

/// Identity of a task: its stage name and, for fanned-out stages, its index.
public struct TaskID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var stage: String
    public var index: Int?

    public init(stage: String, index: Int? = nil) {
        self.stage = stage
        self.index = index
    }

    /// Parses "stage" or "stage[3]".
    public init?(_ text: String) {
        guard let ref = ManifestLoader.reference(text) else { return nil }
        switch ref.selector {
        case .automatic: self.init(stage: ref.stage)
        case .index(let i): self.init(stage: ref.stage, index: i)
        case .all, .replica: return nil
        }
    }

    public var description: String { index.map { "\(stage)[\($0)]" } ?? stage }

    public static func < (a: TaskID, b: TaskID) -> Bool {
        a.stage != b.stage ? a.stage < b.stage : (a.index ?? -1) < (b.index ?? -1)
    }
}

/// One task ready to be checked or run.
public struct TaskNode: Sendable {
    public let id: TaskID
    public let kind: StageKind
    /// The task's own parameters (for `foreach`, the elements replace the lists).
    public let parameters: Parameters
    /// Named inputs → upstream tasks, in index order.
    public let inputs: [String: [TaskID]]
    /// Derived from the global seed and `id`, never from run order.
    public let seed: UInt64
    /// SHA-256 cache key (hex).
    public let key: String
    /// Workers the task keeps busy.
    public let threads: Int
    /// Index among the tasks of its element (`FanOut.replica(ofTask:)`); nil for a single task.
    public var replica: Int? = nil
}

/// All tasks of a manifest profile in a topological order.
public struct TaskGraph: Sendable {
    /// Fan-out limits, checked when the manifest loads. Every task is a cache entry, a record
    /// file, a line of `status` and a Slurm array element, and the graph lives in memory; a
    /// large profile has tens of tasks per stage and hundreds in all, so these are far beyond any study
    /// and far below what exhausts a machine.
    public static let maxTasksPerStage = 10_000
    public static let maxTasks = 100_000
    /// Upstream task references over all tasks (a gathered input counts each upstream task):
    /// each is a cache key in the downstream task's key text.
    public static let maxInputReferences = 1_000_000

    public let profile: String?
    public let globalSeed: UInt64
    /// Topologically sorted: every task comes after its inputs.
    public let tasks: [TaskNode]
    private let position: [TaskID: Int]
    private let byKey: [String: Int]

    /// Expands a validated manifest. The manifest's validation guarantees references resolve.
    public init(manifest: Manifest, registry: StageRegistry) {
        profile = manifest.profile
        globalSeed = manifest.seed
        let stages = Dictionary(uniqueKeysWithValues: manifest.stages.map { ($0.name, $0) })
        var ordered: [StageDefinition] = []
        var done: Set<String> = []
        // Kahn's algorithm by name: deterministic order independent of dictionary layout.
        while ordered.count < manifest.stages.count {
            guard let next = manifest.stages.first(where: { s in
                !done.contains(s.name) && s.inputs.values.allSatisfy { done.contains($0.stage) }
            }) else { preconditionFailure("cycle in a validated manifest") }
            ordered.append(next)
            done.insert(next.name)
        }
        var nodes: [TaskNode] = []
        var keys: [TaskID: String] = [:]
        for s in ordered {
            let kind = registry[s.kind]!
            let indices: [Int?] = s.fanOut.count.map { (0..<$0).map { Optional($0) } } ?? [nil]
            for i in indices {
                let id = TaskID(stage: s.name, index: i)
                var params = i.map { s.fanOut.parameters(s.parameters, task: $0) } ?? s.parameters
                if let digests = kind.fileDigests?(params) {
                    params[Self.fileDigestsField] = .table(digests.mapValues { .string($0) })
                }
                var inputs: [String: [TaskID]] = [:]
                for (name, ref) in s.inputs {
                    let up = stages[ref.stage]!
                    inputs[name] = Self.upstream(ref.selector, of: s, task: i, from: up).map { TaskID(stage: up.name, index: $0) }
                }
                let seed = Self.seed(global: manifest.seed, task: s.seedFrom.map { TaskID(stage: $0, index: i.map { s.fanOut.element(ofTask: $0) ?? $0 }) } ?? id)
                // Replicas sharing a seed (seed_from) differ only by their replica index: it keys them.
                let replica = i.map { s.fanOut.replica(ofTask: $0) }
                let key = CacheKey.compute(kind: kind.name, version: kind.version, parameters: kind.keyParameters(params),
                                           inputs: inputs.mapValues { $0.map { keys[$0]! } }, seed: seed,
                                           replica: s.seedFrom != nil ? replica : nil)
                keys[id] = key
                nodes.append(TaskNode(id: id, kind: kind, parameters: params, inputs: inputs, seed: seed, key: key,
                                      threads: max(1, kind.threads(params)), replica: replica))
            }
        }
        tasks = nodes
        position = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.id, $0) })
        byKey = Dictionary(nodes.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The parameter holding `StageKind.fileDigests` (a name no schema may declare).
    public static let fileDigestsField = "file_sha256"

    public func task(_ id: TaskID) -> TaskNode? { position[id].map { tasks[$0] } }
    public func task(key: String) -> TaskNode? { byKey[key].map { tasks[$0] } }

    /// Tasks of one stage, in index order.
    public func tasks(ofStage stage: String) -> [TaskNode] { tasks.filter { $0.id.stage == stage } }

    /// Upstream task indices feeding task `i` of `s` through a selector (see `InputSelector`).
    /// Between two stages that fan out over equally many `foreach` elements, automatic matching
    /// is by element: the same replica when both have replicas per element, else all of the
    /// element's upstream tasks (one when the upstream has none).
    static func upstream(_ selector: InputSelector, of s: StageDefinition, task i: Int?, from up: StageDefinition) -> [Int?] {
        let all: [Int?] = up.fanOut.count.map { (0..<$0).map { Optional($0) } } ?? [nil]
        let element = i.flatMap { s.fanOut.element(ofTask: $0) }
        let matched = element != nil && s.fanOut.elementCount == up.fanOut.elementCount
        switch selector {
        case .index(let j): return [j]
        case .all: return all
        case .replica(let j):
            let elements = matched ? [element!] : Array(0..<(up.fanOut.elementCount ?? 0))
            return elements.map { up.fanOut.tasks(ofElement: $0).lowerBound + j }
        case .automatic:
            if matched, let element, let i {
                let range = up.fanOut.tasks(ofElement: element)
                if s.fanOut.isTwoLevel && up.fanOut.isTwoLevel { return [range.lowerBound + s.fanOut.replica(ofTask: i)] }
                return range.map { $0 }
            }
            guard up.fanOut.count != nil else { return [nil] }
            if s.fanOut.count != nil, let i { return [i] }
            return all
        }
    }

    /// Upstream tasks one task of `s` reads through `ref` (its first task's, for the limits and
    /// checks made before the graph is built).
    public static func inputCount(_ ref: InputReference, of s: StageDefinition, from up: StageDefinition) -> Int {
        upstream(ref.selector, of: s, task: s.fanOut.count == nil ? nil : 0, from: up).count
    }

    /// A task's seed: the first 8 bytes of SHA-256("seed", global seed, stage, index).
    public static func seed(global: UInt64, task: TaskID) -> UInt64 {
        let digest = SHA256.hash(data: Data("seed|\(global)|\(task.stage)|\(task.index.map(String.init) ?? "-")".utf8))
        return digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// Cache keys: SHA-256 over the canonical JSON of what determines a task's output.
public enum CacheKey {
    /// Hex SHA-256 of {kind, version, parameters, input keys, seed} as sorted JSON, with the
    /// replica index when given (tasks that share a seed).
    public static func compute(kind: String, version: Int, parameters: Parameters, inputs: [String: [String]], seed: UInt64,
                               replica: Int? = nil) -> String {
        let inputsJSON = ParameterValue.table(inputs.mapValues { .list($0.map { .string($0) }) }).canonicalJSON
        let replicaJSON = replica.map { "\"replica\":\($0)," } ?? ""
        let text = "{\"inputs\":\(inputsJSON),\"kind\":\(ParameterValue.jsonQuote(kind)),\"parameters\":\(parameters.canonicalJSON),\(replicaJSON)\"seed\":\(seed),\"version\":\(version)}"
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
