import Descriptors
import Foundation
import Model
import Pipeline

/// Paper Sec. II B: the 60 coarse-grained structural features of one equilibrated configuration.
public enum DescriptorsStage {
    public static let ells = FieldSpec("ells", .list(.double), default: .list(StructuralDescriptors.paperElls.map { .double($0) }),
                                minimum: 0, minimumExclusive: true, help: "coarse-graining lengths ℓ, at most \(StructuralDescriptors.maxElls) (paper: 0.5, 1.0, …, 5.0)")
    /// R_N in length units, as `StructuralDescriptors` takes it: its default 20 σ_LS of the paper's
    /// mixture, where σ_LS = 1.
    public static let radius = FieldSpec("coarse_graining_radius", .double, default: .double(StructuralDescriptors.defaultRadius(.paper)),
                                         minimum: 0, minimumExclusive: true,
                                         help: "R_N in length units (paper: 20 σ_LS = \(StructuralDescriptors.defaultRadius(.paper))); must be below half the box side")
    static let fields = [ells, radius]

    static let kind = StudyKind(StageKind(
        "descriptors", version: 1, fields: fields,
        inputs: [InputSpec("configuration", help: "an equilibrated configuration")],
        checks: [ellCount],
        exports: { ctx in
            let dir = String(format: "config_%02d", ctx.taskID.index ?? 0)
            return ["features.npy", "features.names.json", "species.npy"].map { ExportItem(file: $0, as: "\(dir)/\($0)") }
        },
        run: run),
        modules: ["Formats", "Model", "Statistics", "Descriptors"])

    @Sendable static func run(_ context: TaskContext) throws {
        let input = context.input("configuration")
        let configuration = try ExtendedXYZ.read(from: input.url("configuration.xyz"))
        // A configuration imported by `repro analyze` carries its model's mixture.
        let mixture = try AnalysisStages.mixture(in: input.directory) ?? .paper
        let result = try calculator(context.parameters, mixture: mixture).compute(configuration)
        try DescriptorFiles.write(result, to: context.output("features.npy"))
    }

    /// The descriptors code's limit on the ℓ list, found when the manifest loads.
    @Sendable static func ellCount(_ p: Parameters) -> [FieldIssue] {
        guard let count = p.values[ells.name]?.listValue?.count, let problem = tooManyElls(count) else { return [] }
        return [FieldIssue(field: ells.name, problem)]
    }

    /// The ℓ list's problems beyond each value's range (the field's check), worded once for the
    /// manifest and for `repro descriptors --ells`.
    public static func tooManyElls(_ count: Int) -> String? {
        guard count > StructuralDescriptors.maxElls else { return nil }
        return "\(count) lengths: at most \(StructuralDescriptors.maxElls) allowed "
            + "(the paper uses \(StructuralDescriptors.paperElls.count)); each ℓ adds 6 feature columns"
    }

    public static func repeatedElls(_ values: [Double]) -> String? {
        guard Set(values).count != values.count else { return nil }
        let repeated = Dictionary(grouping: values, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        return "ℓ = \(repeated.map { "\($0)" }.joined(separator: ", ")) repeated: each ℓ names a feature column, so they must be distinct"
    }

    /// A task's parameters as the `StructuralDescriptors` they configure.
    static func calculator(_ p: Parameters, mixture: Mixture = .paper) throws -> StructuralDescriptors {
        try StructuralDescriptors(mixture: mixture, ells: p.doubles(ells.name), coarseGrainingRadius: p.double(radius.name))
    }
}
