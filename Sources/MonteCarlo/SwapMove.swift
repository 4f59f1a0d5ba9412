import Foundation
import Model
import Randomness

/// Which particle pairs a species-swap trial proposes.
public enum SwapPairs: String, Sendable, Codable, CaseIterable {
    /// Only neighbouring sizes, S↔M and M↔L: each trial picks one of the two pair types with
    /// probability 1/2, then a uniform particle of each species. The proposal probability of a
    /// pair, 1/(2 N_a N_b), is the same for the reverse move (a swap keeps N_a and N_b), so the
    /// proposal is symmetric. Small size steps cost less overlap energy, so more are accepted.
    case adjacent
    /// Two uniformly random particles (pairs of equal species are null moves).
    case all
}

/// The three unlike pair types a swap can exchange.
public enum SwapPairType: Int, Sendable, Codable, CaseIterable {
    case smallMedium = 0, mediumLarge = 1, smallLarge = 2

    init(_ a: Int32, _ b: Int32) {
        switch (min(a, b), max(a, b)) {
        case (0, 1): self = .smallMedium
        case (1, 2): self = .mediumLarge
        default: self = .smallLarge
        }
    }

    public var label: String { ["S↔M", "M↔L", "S↔L"][rawValue] }
}

/// Swap trials and acceptances by pair type; trials between equal species are counted apart.
public struct SwapTally: Sendable, Equatable, Codable {
    public var trials = [UInt64](repeating: 0, count: 3)
    public var accepted = [UInt64](repeating: 0, count: 3)
    /// Null trials (two particles of the same species; only with `SwapPairs.all`).
    public var likeTrials: UInt64 = 0
    public init() {}

    public var unlikeTrials: UInt64 { trials.reduce(0, +) }
    public var unlikeAccepted: UInt64 { accepted.reduce(0, +) }
    /// Accepted fraction of the trials between unlike species (0 without trials).
    public var unlikeAcceptance: Double { unlikeTrials == 0 ? 0 : Double(unlikeAccepted) / Double(unlikeTrials) }
    /// Accepted fraction of all trials, null ones included.
    public var acceptancePerTrial: Double {
        let all = unlikeTrials + likeTrials
        return all == 0 ? 0 : Double(unlikeAccepted) / Double(all)
    }
    public func acceptance(_ t: SwapPairType) -> Double {
        trials[t.rawValue] == 0 ? 0 : Double(accepted[t.rawValue]) / Double(trials[t.rawValue])
    }
    public static func + (a: SwapTally, b: SwapTally) -> SwapTally {
        var c = a
        for k in 0..<3 { c.trials[k] += b.trials[k]; c.accepted[k] += b.accepted[k] }
        c.likeTrials += b.likeTrials
        return c
    }
}

extension MonteCarloSimulation {
    /// Species-swap trials as `performSweep` runs them (unrestricted pairs, no tally).
    func swapTrials(_ trialCount: Int) {
        var tally = SwapTally()
        swapTrials(trialCount, pairs: .all, tally: &tally)
    }

    /// Species-swap trials (preparation only): a proposed pair exchanges species, accepted with
    /// min(1, e^(−ΔE/T)). Both proposals are symmetric (see `SwapPairs`), so the Boltzmann
    /// distribution is kept. `.all` draws exactly as the engine always did.
    func swapTrials(_ trialCount: Int, pairs: SwapPairs, tally: inout SwapTally) {
        let n = UInt64(count), beta = 1 / parameters.temperature
        // Local stream and counters, plain buffers: no exclusivity checks, reference counting or
        // copy-on-write inside the loop.
        var stream = self.stream
        var trials = (UInt64(0), UInt64(0), UInt64(0)), accepted = trials, like: UInt64 = 0
        // For `.adjacent`: the slots of each species (species s from offset[s]), and each slot's
        // place among them.
        let members = UnsafeMutablePointer<Int>.allocate(capacity: count), place = UnsafeMutablePointer<Int>.allocate(capacity: count)
        defer { members.deallocate(); place.deallocate() }
        var start = [0, 0, 0, count]
        if pairs == .adjacent {
            for s in 0..<count where species[s] < 2 { start[Int(species[s]) + 1] += 1 }
            start[2] += start[1]
            var fill = Array(start[0..<3])
            for s in 0..<count { let k = fill[Int(species[s])]; members[k] = s; place[s] = k; fill[Int(species[s])] = k + 1 }
        }
        for _ in 0..<trialCount {
            let i: Int, j: Int
            switch pairs {
            case .all:
                i = Int(stream.next().multipliedFullWidth(by: n).high)
                j = Int(stream.next().multipliedFullWidth(by: n).high)
            case .adjacent:
                let lower = Int(stream.next() >> 63) // 0: S↔M, 1: M↔L, probability 1/2 each
                let a0 = start[lower], b0 = start[lower + 1], b1 = start[lower + 2]
                let na = b0 - a0, nb = b1 - b0
                guard na > 0, nb > 0 else { like += 1; continue }
                i = members[a0 + Int(stream.next().multipliedFullWidth(by: UInt64(na)).high)]
                j = members[b0 + Int(stream.next().multipliedFullWidth(by: UInt64(nb)).high)]
            }
            let a = species[i], b = species[j]
            guard a != b else { like += 1; continue }
            let type = SwapPairType(a, b)
            switch type { case .smallMedium: trials.0 += 1; case .mediumLarge: trials.1 += 1; case .smallLarge: trials.2 += 1 }
            let dq = swapEnergyChange(i, j)
            if dq <= 0 || Double(stream.next() >> 11) * 0x1p-53 < exp(-QuantizedPairEnergy.energy(dq) * beta) {
                // The one place where an accepted swap changes the state.
                species[i] = b; species[j] = a
                updatePairParameters(of: i); updatePairParameters(of: j)
                switch type { case .smallMedium: accepted.0 += 1; case .mediumLarge: accepted.1 += 1; case .smallLarge: accepted.2 += 1 }
                if pairs == .adjacent { // i and j trade places among the members
                    let pi = place[i], pj = place[j]
                    members[pi] = j; members[pj] = i
                    place[i] = pj; place[j] = pi
                }
            }
        }
        self.stream = stream
        swapTrials += UInt64(trialCount)
        acceptedSwaps += accepted.0 + accepted.1 + accepted.2
        tally.likeTrials += like
        tally.trials[0] += trials.0; tally.trials[1] += trials.1; tally.trials[2] += trials.2
        tally.accepted[0] += accepted.0; tally.accepted[1] += accepted.1; tally.accepted[2] += accepted.2
    }

    /// One preparation sweep: `performSweep`'s N translational trials, then swapFraction · N
    /// swap trials of the given pairs, tallied. Needs parameters with swapFraction > 0 (so the
    /// neighbour list reaches the largest cutoff).
    public func performSwapSweep(pairs: SwapPairs, tally: inout SwapTally) {
        precondition(parameters.swapFraction > 0, "performSwapSweep needs swapFraction > 0")
        sweepOfTranslations()
        swapTrials(Int((parameters.swapFraction * Double(count)).rounded()), pairs: pairs, tally: &tally)
        sweep += 1
    }

    /// ΔE of exchanging the species of i and j, in fixed-point units. The i–j pair itself keeps
    /// its energy (the pair type is symmetric), so it is left out of both sums.
    func swapEnergyChange(_ i: Int, _ j: Int) -> Int64 {
        let a = Int(species[i]), b = Int(species[j])
        return exchangeEnergy(i, from: a, to: b, excluding: j) &+ exchangeEnergy(j, from: b, to: a, excluding: i)
    }

    /// Σ_k [v_bk(r_ik) − v_ak(r_ik)] over the neighbours of i but `excluded`: the energy change
    /// of i turning from species a (its current one) into b, 16 neighbours at a time with the
    /// kernel's lanes, so every term equals the scalar one bit for bit (`scalarExchangeEnergy`).
    @inline(never)
    func exchangeEnergy(_ i: Int, from a: Int, to b: Int, excluding excluded: Int) -> Int64 {
        let view = list, e = energy, species = self.species, xyRaw = UnsafeRawPointer(xy), l = boxLength, invL = 1 / boxLength
        let xo = xy[2 * i], yo = xy[2 * i + 1]
        typealias F = SIMD16<Float>
        typealias I = SIMD16<Int32>
        let inv0 = F(repeating: e.inverseSigma2[3 * b]), inv1 = F(repeating: e.inverseSigma2[3 * b + 1]), inv2 = F(repeating: e.inverseSigma2[3 * b + 2])
        let eps0 = F(repeating: e.epsilon[3 * b]), eps1 = F(repeating: e.epsilon[3 * b + 1]), eps2 = F(repeating: e.epsilon[3 * b + 2])
        let excludedLanes = I(repeating: Int32(truncatingIfNeeded: excluded))
        var k = i * view.stride
        let end = k + VerletList.padded(Int(view.counts[i]))
        var sumA = SIMD8<Int64>(), sumB = SIMD8<Int64>()
        let periodic = view.needsImage[i] != 0
        while k < end {
            let (r2A, _) = squaredDistances(xyRaw, view.index + k, xo, yo, xo, yo, l, invL, periodic: periodic)
            let (r2B, _) = squaredDistances(xyRaw, view.index + k + 8, xo, yo, xo, yo, l, invL, periodic: periodic)
            let r2 = F(lowHalf: narrowed(r2A), highHalf: narrowed(r2B))
            let index = UnsafeRawPointer(view.index + k).loadUnaligned(as: I.self)
            var code = I()
            for lane in 0..<16 { code[lane] = species[Int(index[lane])] }
            // Lanes of M and L partners (code 1 and 2), the excluded partner, and real entries
            // (padding has ε = 0): bit masks, since mask comparisons can compile to lane loops.
            let isM = I(repeating: 0) &- (code & I(repeating: 1)), isL = I(repeating: 0) &- (code &>> I(repeating: 1))
            let other = index ^ excludedLanes
            let epsStored = UnsafeRawPointer(view.epsilon + k).loadUnaligned(as: F.self)
            let storedBits = unsafeBitCast(epsStored, to: I.self)
            let keep = ((other | (I(repeating: 0) &- other)) &>> I(repeating: 31)) & ((storedBits | (I(repeating: 0) &- storedBits)) &>> I(repeating: 31))
            let invB = select(select(inv0, inv1, isM), inv2, isL), epsB = select(select(eps0, eps1, isM), eps2, isL)
            let invA = UnsafeRawPointer(view.inverseSigma2 + k).loadUnaligned(as: F.self)
            let xA = r2 * invA, xB = r2 * invB
            let epsA = unsafeBitCast(storedBits & keep, to: F.self), epsBKept = unsafeBitCast(unsafeBitCast(epsB, to: I.self) & keep, to: F.self)
            let vA = e.anyClose(xA) ? e.lanes(x: xA, epsilon: epsA) : e.plainLanes(x: xA, epsilon: epsA)
            let vB = e.anyClose(xB) ? e.lanes(x: xB, epsilon: epsBKept) : e.plainLanes(x: xB, epsilon: epsBKept)
            sumA &+= QuantizedPairEnergy.biasedFixedPoint(vA)
            sumB &+= QuantizedPairEnergy.biasedFixedPoint(vB)
            k += 16
        }
        return (sumB &- sumA).wrappedSum()
    }

    /// `b` in the lanes where `mask` is all ones, `a` elsewhere.
    @inline(__always)
    private func select(_ a: SIMD16<Float>, _ b: SIMD16<Float>, _ mask: SIMD16<Int32>) -> SIMD16<Float> {
        let ai = unsafeBitCast(a, to: SIMD16<Int32>.self), bi = unsafeBitCast(b, to: SIMD16<Int32>.self)
        return unsafeBitCast((ai & (mask ^ SIMD16(repeating: -1))) | (bi & mask), to: SIMD16<Float>.self)
    }

    /// The same sum one scalar term at a time: the reference the lanes are tested against.
    func scalarExchangeEnergy(_ i: Int, from a: Int, to b: Int, excluding excluded: Int) -> Int64 {
        let e = energy, species = self.species
        return neighbourSum(i, excluding: excluded) { j, r2 in
            let sj = Int(species[j])
            return e.term(r2: r2, type: 3 * b + sj) &- e.term(r2: r2, type: 3 * a + sj)
        }
    }

    /// After i changed species: the pair parameters of its row, and of its entry in each
    /// neighbour's row (the list is symmetric, so i's neighbours are the rows that hold i).
    func updatePairParameters(of i: Int) {
        let stride = list.stride, si = Int(species[i])
        for k in (i * stride)..<(i * stride + Int(list.counts[i])) {
            let m = Int(list.index[k]), sm = Int(species[m])
            list.inverseSigma2[k] = energy.inverseSigma2[3 * si + sm]; list.epsilon[k] = energy.epsilon[3 * si + sm]
            for e in (m * stride)..<(m * stride + Int(list.counts[m])) where Int(list.index[e]) == i {
                list.inverseSigma2[e] = energy.inverseSigma2[3 * sm + si]; list.epsilon[e] = energy.epsilon[3 * sm + si]
            }
        }
    }
}
