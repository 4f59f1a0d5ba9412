import Statistics

/// The centred moments of one configuration, all particles and per species.
struct ConfigurationMoments: Sendable {
    let all: CentredMoments
    let bySpecies: [CentredMoments]
}

/// What one (held-out configuration, d) task produces.
private struct TaskOutcome {
    var all = [Double](repeating: .nan, count: SelectionMethod.allCases.count)
    var bySpecies: [[Double]] = []          // [method][species]
    var lassoColumns: [Int] = []
    var lassoAlpha = Double.nan
    var error: Error?
}

extension LeaveOneConfigurationOut {
    /// Runs the protocol. Work is split into (held-out configuration, d) tasks that each write only
    /// their own outcome, so the result is bit-identical for any `threads`.
    public func compute() throws -> LeaveOneConfigurationOutResult {
        let c = configurations.count, dMax = maximumDimension, s = speciesCount
        let moments = configurationMoments()
        let grams = (0..<c).map { held in
            StandardizedGram(CentredMoments(pooling: (0..<c).filter { $0 != held }.map { moments[$0].all }))
        }
        var outcomes = [TaskOutcome](repeating: TaskOutcome(), count: c * dMax)
        outcomes.withUnsafeMutableBufferPointer { out in
            parallelFor(c * dMax, workers: threads) { task in
                let held = task / dMax, d = task % dMax + 1
                var outcome = TaskOutcome()
                outcome.bySpecies = Array(repeating: Array(repeating: .nan, count: s), count: SelectionMethod.allCases.count)
                do { try evaluate(held: held, d: d, gram: grams[held], test: moments[held], into: &outcome) } catch { outcome.error = error }
                out[task] = outcome
            }
        }
        if let error = outcomes.lazy.compactMap(\.error).first { throw error }
        return assemble(outcomes, grams: grams)
    }

    private func configurationMoments() -> [ConfigurationMoments] {
        var moments = [ConfigurationMoments?](repeating: nil, count: configurations.count)
        moments.withUnsafeMutableBufferPointer { out in
            parallelFor(configurations.count, workers: threads) { index in
                let x = configurations[index]
                let moment = { (rows: [Int]?) in
                    CentredMoments(features: x.features, featureCount: x.featureCount, target: x.propensity, rows: rows)
                }
                out[index] = ConfigurationMoments(
                    all: moment(nil),
                    bySpecies: (0..<speciesCount).map { sp in moment(x.species.indices.filter { x.species[$0] == sp }) })
            }
        }
        return moments.map { $0! }
    }

    private func evaluate(held: Int, d: Int, gram: StandardizedGram, test: ConfigurationMoments,
                          into outcome: inout TaskOutcome) throws {
        func score(_ model: LinearModel, _ method: SelectionMethod) {
            outcome.all[method.rawValue] = model.pearson(on: test.all)
            outcome.bySpecies[method.rawValue] = test.bySpecies.map { model.pearson(on: $0) }
        }
        if let orders = supervisedOrders {
            score(try ordinaryLeastSquares(gram, columns: Array(orders[held].prefix(d)), droppingDependentColumns: true), .supervised)
        }
        if let orders = unsupervisedOrders {
            score(try ordinaryLeastSquares(gram, columns: Array(orders[held].prefix(d)), droppingDependentColumns: true), .unsupervised)
        }
        if runLasso {
            let lasso = try Lasso(gram: gram, tolerance: lassoTolerance)
            if let selection = try lasso.lassoSelection(d: d, maximumIterations: lassoMaximumIterations) {
                outcome.lassoColumns = selection.columns
                outcome.lassoAlpha = selection.alpha
                score(try ordinaryLeastSquares(gram, columns: selection.columns, droppingDependentColumns: true), .lasso)
            }
        }
        if randomRealisations > 0 {
            var sumAll = 0.0
            var sumSpecies = [Double](repeating: 0, count: speciesCount)
            for r in 0..<randomRealisations {
                let columns = randomSelection(featureCount: gram.featureCount, d: d, seed: seed,
                                              configuration: held, realisation: r)
                let model = try ordinaryLeastSquares(gram, columns: columns, droppingDependentColumns: true)
                sumAll += model.pearson(on: test.all)
                for sp in 0..<speciesCount { sumSpecies[sp] += model.pearson(on: test.bySpecies[sp]) }
            }
            let n = Double(randomRealisations)
            outcome.all[SelectionMethod.random.rawValue] = sumAll / n
            outcome.bySpecies[SelectionMethod.random.rawValue] = sumSpecies.map { $0 / n }
        }
    }

    private func assemble(_ outcomes: [TaskOutcome], grams: [StandardizedGram]) -> LeaveOneConfigurationOutResult {
        let c = configurations.count, dMax = maximumDimension, s = speciesCount
        let methods = SelectionMethod.allCases
        let all = methods.map { method in
            (0..<c).map { held in (0..<dMax).map { outcomes[held * dMax + $0].all[method.rawValue] } }
        }
        let bySpecies = methods.map { method in
            (0..<c).map { held in
                (0..<s).map { sp in (0..<dMax).map { outcomes[held * dMax + $0].bySpecies[method.rawValue][sp] } }
            }
        }
        let statsAll = methods.map { method in
            (0..<dMax).map { d in meanAndSpread((0..<c).map { all[method.rawValue][$0][d] }) }
        }
        let statsSpecies = methods.map { method in
            (0..<s).map { sp in (0..<dMax).map { d in meanAndSpread((0..<c).map { bySpecies[method.rawValue][$0][sp][d] }) } }
        }
        let lassoColumns = (0..<c).map { held in (0..<dMax).map { outcomes[held * dMax + $0].lassoColumns } }
        let kept = keptConfiguration
        let keptColumns: [[Int]?] = [
            supervisedOrders.map { Array($0[kept].prefix(dMax)) },
            unsupervisedOrders.map { Array($0[kept].prefix(dMax)) },
            lassoColumns[kept][dMax - 1].isEmpty ? nil : lassoColumns[kept][dMax - 1],
            nil,
        ]
        let x = configurations[kept]
        let keptPredictions = keptColumns.map { columns -> [Double] in
            guard let columns, let model = try? ordinaryLeastSquares(grams[kept], columns: columns, droppingDependentColumns: true) else { return [] }
            return model.predict(features: x.features, featureCount: x.featureCount)
        }
        return LeaveOneConfigurationOutResult(
            dimensions: Array(1...dMax), configurationCount: c, speciesCount: s,
            pearsonAll: all, pearsonBySpecies: bySpecies,
            meanAll: statsAll.map { $0.map(\.mean) }, stdAll: statsAll.map { $0.map(\.std) },
            meanBySpecies: statsSpecies.map { $0.map { $0.map(\.mean) } },
            stdBySpecies: statsSpecies.map { $0.map { $0.map(\.std) } },
            contributingConfigurations: statsAll.map { $0.map(\.count) },
            lassoColumns: lassoColumns,
            lassoAlpha: (0..<c).map { held in (0..<dMax).map { outcomes[held * dMax + $0].lassoAlpha } },
            keptConfiguration: kept, keptPredictions: keptPredictions)
    }
}
