/// FNV-1a, 64-bit: a small, dependency-free checksum that detects corrupted or truncated
/// checkpoint files (not an adversarial hash).
public func fnv1a64<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
}
