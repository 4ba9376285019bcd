/// xoshiro256** (Blackman & Vigna): a small, fast, seedable generator, identical on every platform.
public struct Xoshiro256: Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Seeds the four words through splitmix64, as the authors recommend.
    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix()
        s1 = splitmix()
        s2 = splitmix()
        s3 = splitmix()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    @inline(__always)
    public mutating func uniformPositive() -> Double { Double((next() >> 11) + 1) * 0x1.0p-53 }

    /// A standard normal deviate by the Marsaglia polar method; the second deviate of each pair is kept.
    @inline(__always)
    public mutating func normal(spare: inout Double, hasSpare: inout Bool) -> Double {
        if hasSpare {
            hasSpare = false
            return spare
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let f = (-2 * log(s) / s).squareRoot()
                spare = v * f
                hasSpare = true
                return u * f
            }
        }
    }
}

/// Gamma(shape, 1) deviates by Marsaglia & Tsang (2000), with the U^(1/α) boost for shapes below 1.
public struct GammaSampler: Sendable {
    public var rng: Xoshiro256
    private var spare = 0.0
    private var hasSpare = false

    public init(seed: UInt64) { rng = Xoshiro256(seed: seed) }

    /// Constants of one shape, computed once outside the sampling loop.
    public struct Shape: Sendable {
        let d: Double
        let c: Double
        /// 1/α when α < 1 (the boost exponent), else 0.
        let boost: Double

        public init(_ alpha: Double) {
            let a = alpha < 1 ? alpha + 1 : alpha
            d = a - 1.0 / 3.0
            c = 1.0 / (9 * d).squareRoot()
            boost = alpha < 1 ? 1 / alpha : 0
        }
    }

    @inline(__always)
    public mutating func next(_ shape: Shape) -> Double {
        var value: Double
        while true {
            let x = rng.normal(spare: &spare, hasSpare: &hasSpare)
            var v = 1 + shape.c * x
            if v <= 0 { continue }
            v = v * v * v
            let u = rng.uniformPositive()
            let x2 = x * x
            // The squeeze accepts about 98 % of draws without a logarithm.
            if u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + shape.d * (1 - v + log(v)) {
                value = shape.d * v
                break
            }
        }
        if shape.boost > 0 { value *= pow(rng.uniformPositive(), shape.boost) }
        return value
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
