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

    /// A standard normal deviate by the ziggurat method (Marsaglia & Tsang 2000, 128 layers): one 64-bit draw
    /// gives the layer (low 7 bits) and the signed abscissa (high 32 bits); about 99 % of draws are accepted with
    /// one comparison and one multiplication.
    @inline(__always)
    public mutating func normal() -> Double {
        let z = Ziggurat.shared
        while true {
            let u = next()
            let layer = Int(u & 127)
            let hz = Int32(truncatingIfNeeded: u >> 32)
            let x = Double(hz) * z.w[layer]
            if Int64(hz).magnitude < z.k[layer] { return x }
            if layer == 0 {
                // The tail beyond r, by Marsaglia's exponential method.
                var tail = 0.0, y = 0.0
                repeat {
                    tail = -log(uniformPositive()) / Ziggurat.r
                    y = -log(uniformPositive())
                } while y + y < tail * tail
                return hz > 0 ? Ziggurat.r + tail : -Ziggurat.r - tail
            }
            if z.f[layer] + uniform() * (z.f[layer - 1] - z.f[layer]) < exp(-0.5 * x * x) { return x }
        }
    }
}

/// The ziggurat's layer tables for the standard normal, computed once.
struct Ziggurat: Sendable {
    static let r = 3.442619855899
    static let shared = Ziggurat()
    /// Acceptance bounds on |hz| per layer.
    let k: [UInt64]
    /// Scale from the 32-bit integer to x per layer.
    let w: [Double]
    /// exp(−x²/2) at each layer's edge.
    let f: [Double]

    init() {
        let m1 = 2147483648.0
        let v = 9.91256303526217e-3
        var dn = Ziggurat.r, tn = dn
        let q = v / exp(-0.5 * dn * dn)
        var k = [UInt64](repeating: 0, count: 128), w = [Double](repeating: 0, count: 128), f = [Double](repeating: 0, count: 128)
        k[0] = UInt64((dn / q) * m1)
        k[1] = 0
        w[0] = q / m1
        w[127] = dn / m1
        f[0] = 1
        f[127] = exp(-0.5 * dn * dn)
        for i in stride(from: 126, through: 1, by: -1) {
            dn = (-2 * log(v / dn + exp(-0.5 * dn * dn))).squareRoot()
            k[i + 1] = UInt64((dn / tn) * m1)
            tn = dn
            f[i] = exp(-0.5 * dn * dn)
            w[i] = dn / m1
        }
        self.k = k
        self.w = w
        self.f = f
    }
}

/// Gamma(shape, 1) deviates by Marsaglia & Tsang (2000), with the U^(1/α) boost for shapes below 1.
public struct GammaSampler: Sendable {
    public var rng: Xoshiro256

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
            let x = rng.normal()
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
