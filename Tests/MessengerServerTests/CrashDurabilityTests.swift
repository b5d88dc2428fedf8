import Foundation
import Logging
import MessengerServer
import Testing
import XMPPCore

/// Issue 8, item 2: `msgr server` is killed with SIGKILL at random moments
/// while senders stream numbered messages to recipients, and restarted on
/// the same data folder. Every message the server acknowledged to its sender
/// must reach the recipient exactly once (after de-duplication by id) and in
/// order. Environment: CRASH_KILLS (3), CRASH_MESSAGES per pair (300),
/// CRASH_SEED to replay a run (the seed is printed).
@Suite("Crash durability (msgr server killed with SIGKILL)")
struct CrashDurabilityTests {
    static let domain = "example.test"
    static let pairs = 3

    @Test func everyAcknowledgedMessageIsDeliveredOnceAndInOrderAcrossKills() async throws {
        let environment = ProcessInfo.processInfo.environment
        let kills = environment["CRASH_KILLS"].flatMap(Int.init) ?? 3
        let total = environment["CRASH_MESSAGES"].flatMap(Int.init) ?? 300
        let seed = environment["CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("crash durability: seed \(seed) (replay with CRASH_SEED=\(seed)), \(kills) kills, \(total) messages × \(Self.pairs) pairs")
        var random = SplitMix64(seed: seed)

        try await withTemporaryFolder { folder in
            try await Self.createAccounts(in: folder)
            let port = try await ServerProcess.freePort()
            let senders = (1...Self.pairs).map {
                DurabilitySender(pair: $0, user: "s\($0)", recipient: "r\($0)@\(Self.domain)", total: total)
            }
            let recipients = (1...Self.pairs).map {
                DurabilityRecipient(user: "r\($0)", senders: ["s\($0)@\(Self.domain)": $0])
            }
            let deadline = ContinuousClock.now + .seconds(40 + 3 * kills)
            var server: ServerProcess?
            do {
                for round in 0...kills {
                    let running = try await ServerProcess.start(dataFolder: folder, domain: Self.domain, port: port)
                    server = running
                    var killPoint: KillPoint?
                    if round < kills {
                        // Somewhere in this round's share of what is left, so every kill lands mid-flow.
                        let left = senders.reduce(0) { $0 + $1.total - $1.snapshot.ackedUpTo }
                        let share = max(1, left / (kills - round + 1))
                        killPoint = KillPoint(
                            afterAcks: Int.random(in: 1...share, using: &random),
                            delay: .milliseconds(Int.random(in: 0...40, using: &random)))
                    }
                    let acksBefore = senders.reduce(0) { $0 + $1.snapshot.ackedUpTo }
                    try await Self.runRound(
                        senders: senders, recipients: recipients, port: port, killPoint: killPoint, deadline: deadline) {
                            running.kill()
                        }
                    if let killPoint {
                        let acked = senders.reduce(0) { $0 + $1.snapshot.ackedUpTo }
                        let delivered = senders.reduce(0) { total, sender in
                            total + recipients[sender.pair - 1].deliveredCount(pair: sender.pair)
                        }
                        print("crash durability: kill \(round + 1) after \(killPoint.afterAcks) acks + \(killPoint.delay): acked \(acksBefore) → \(acked), delivered \(delivered)")
                    } else {
                        running.stop()
                    }
                    server = nil
                }
            } catch {
                server?.kill()
                throw error
            }
            Self.check(senders: senders, recipients: recipients, total: total, kills: kills)
        }
    }

    /// When a round's server dies: once this many more messages were
    /// acknowledged across all pairs, plus a little more.
    struct KillPoint {
        let afterAcks: Int
        let delay: Duration
    }

    /// One server lifetime: recipients come online first (so what the server
    /// recovered reaches them before anything new), then senders stream. The
    /// round ends with `kill` at `killPoint`, or, in the last round, when
    /// everything is acknowledged and delivered.
    private static func runRound(
        senders: [DurabilitySender], recipients: [DurabilityRecipient], port: Int, killPoint: KillPoint?,
        deadline: ContinuousClock.Instant, kill: @escaping @Sendable () -> Void
    ) async throws {
        var recipientClients: [TestXMPPClient] = []
        var senderClients: [TestXMPPClient] = []
        for recipient in recipients {
            recipientClients.append(try await DurabilityClients.connect(port: port, user: recipient.user, resource: "inbox"))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (recipient, client) in zip(recipients, recipientClients) {
                group.addTask { try? await recipient.runSession(client) }
            }
            while !recipients.allSatisfy(\.isAvailable) {
                guard ContinuousClock.now < deadline else { throw TestXMPPClient.Failure.timeout("recipients online") }
                try await Task.sleep(for: .milliseconds(10))
            }
            let acksAtStart = senders.reduce(0) { $0 + $1.snapshot.ackedUpTo }
            for sender in senders where !sender.isDone {
                senderClients.append(try await DurabilityClients.connect(port: port, user: sender.user, resource: "outbox"))
                let client = senderClients[senderClients.count - 1]
                group.addTask { try? await sender.runSession(client) }
            }
            if let killPoint {
                while senders.reduce(0, { $0 + $1.snapshot.ackedUpTo }) < acksAtStart + killPoint.afterAcks,
                    ContinuousClock.now < deadline
                {
                    try await Task.sleep(for: .milliseconds(1))
                }
                try await Task.sleep(for: killPoint.delay)
                kill()
            } else {
                while !Self.finished(senders: senders, recipients: recipients), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            for client in recipientClients + senderClients { await client.drop() }
            try await group.waitForAll()
        }
    }

    private static func finished(senders: [DurabilitySender], recipients: [DurabilityRecipient]) -> Bool {
        zip(senders, recipients).allSatisfy { sender, recipient in
            sender.isDone && recipient.deliveredCount(pair: sender.pair) >= sender.total
        }
    }

    private static func check(senders: [DurabilitySender], recipients: [DurabilityRecipient], total: Int, kills: Int) {
        var sent = 0, transmitted = 0, acked = 0, delivered = 0, duplicates = 0, lost = 0
        for (sender, recipient) in zip(senders, recipients) {
            let sending = sender.snapshot
            let receiving = recipient.snapshot
            let order = receiving.delivered[sender.pair] ?? []
            let deliveredSet = Set(order)
            let missing = sending.ackedUpTo > 0 ? (1...sending.ackedUpTo).filter { !deliveredSet.contains($0) } : []
            sent += sending.highestSent
            transmitted += sending.transmissions
            acked += sending.ackedUpTo
            delivered += order.count
            duplicates += receiving.rawDuplicates
            lost += missing.count
            #expect(missing.isEmpty, "pair \(sender.pair): acknowledged but never delivered: \(missing.prefix(20))")
            let firstOutOfOrder = zip(order, order.dropFirst()).first { $0 >= $1 }
            #expect(firstOutOfOrder == nil, "pair \(sender.pair): delivered out of order at \(String(describing: firstOutOfOrder))")
            #expect(order.allSatisfy { (1...max(1, sending.highestSent)).contains($0) }, "pair \(sender.pair): delivered a message never sent")
            #expect(receiving.strangers.isEmpty, "pair \(sender.pair): unexpected messages \(receiving.strangers.prefix(3))")
            #expect(sending.bounced == 0, "pair \(sender.pair): \(sending.bounced) messages bounced")
            #expect(sending.ackedUpTo == total, "pair \(sender.pair): only \(sending.ackedUpTo) of \(total) acknowledged in time")
            let complete = order == Array(1...total)
            #expect(complete, "pair \(sender.pair): delivered \(order.count) of \(total)")
        }
        print(
            "crash durability figures: kills \(kills) / sent \(sent) (transmissions \(transmitted)) / acked \(acked) / delivered \(delivered) / raw duplicates \(duplicates) / lost \(lost)"
        )
    }

    private static func createAccounts(in folder: String) async throws {
        let data = DataFolder(path: folder)
        try data.claim(domain: domain)
        let logger = Logger(label: "crash.tests", factory: { _ in SwiftLogNoOpLogHandler() })
        let storage = try await data.openStorage(logger: logger)
        do {
            let accounts = AccountManager(storage: storage, sipRealm: domain)
            for pair in 1...pairs {
                for user in ["s\(pair)", "r\(pair)"] {
                    try await accounts.create(user, password: DurabilityClients.password(user))
                }
            }
        } catch {
            try await storage.close()
            throw error
        }
        try await storage.close()
    }
}

/// A small seeded generator, so a run's kill moments can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
