import Testing

@testable import HealthServices

/// What ``TokenCache`` may hand back instead of a database read: only a token a read found less than a second ago,
/// and never one a revocation in this process has ended.
@Suite struct TokenCacheTests {
    private static let hash: [UInt8] = Array(repeating: 7, count: 32)
    private static let token = AccessToken(
        id: "tok_nurse", role: .vaccinator, name: "nurse", personId: nil,
        createdAt: Timestamp(secondsSinceEpoch: 1_800_000_000), expiresAt: Timestamp(secondsSinceEpoch: 1_800_003_600),
        revokedAt: nil)

    @Test func aTokenIsTrustedForLessThanItsLifetimeAfterItsReadBegan() {
        let cache = TokenCache()
        let start = ContinuousClock.now
        cache.store(Self.token, secretHash: Self.hash, readStart: start, generation: cache.generation)
        #expect(cache.token(secretHash: Self.hash, at: start + .milliseconds(999)) == Self.token)
        #expect(cache.token(secretHash: Self.hash, at: start + TokenCache.lifetime) == nil)
        #expect(cache.token(secretHash: Array(repeating: 8, count: 32), at: start) == nil)
    }

    @Test func aRevocationDropsTheTokenAndAnyReadBegunBeforeIt() {
        let cache = TokenCache()
        let start = ContinuousClock.now
        cache.store(Self.token, secretHash: Self.hash, readStart: start, generation: cache.generation)
        let readBegun = cache.generation
        cache.revoke(tokenID: Self.token.id)
        #expect(cache.token(secretHash: Self.hash, at: start) == nil)
        // A read that began before the revocation saw the token active: it must not put it back.
        cache.store(Self.token, secretHash: Self.hash, readStart: start, generation: readBegun)
        #expect(cache.token(secretHash: Self.hash, at: start) == nil)
        cache.store(Self.token, secretHash: Self.hash, readStart: start, generation: cache.generation)
        #expect(cache.token(secretHash: Self.hash, at: start) == Self.token)
    }

    @Test func aFullCacheDropsTheEntriesPastTheirLifetimeFirst() {
        let cache = TokenCache()
        let old = ContinuousClock.now
        let now = old + TokenCache.lifetime + .milliseconds(1)
        for index in 0..<(TokenCache.capacity - 1) {
            let hash = withUnsafeBytes(of: index) { Array($0) }
            cache.store(Self.token, secretHash: hash, readStart: old, generation: cache.generation)
        }
        cache.store(Self.token, secretHash: Self.hash, readStart: now, generation: cache.generation)
        let fresh: [UInt8] = Array(repeating: 9, count: 32)
        cache.store(Self.token, secretHash: fresh, readStart: now, generation: cache.generation)
        #expect(cache.token(secretHash: Self.hash, at: now) == Self.token)
        #expect(cache.token(secretHash: fresh, at: now) == Self.token)
        #expect(cache.token(secretHash: withUnsafeBytes(of: 0) { Array($0) }, at: old) == nil)
    }
}
