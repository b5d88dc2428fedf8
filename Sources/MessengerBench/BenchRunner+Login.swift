import NIOCore
import NIOPosix

extension BenchRunner {
    struct LoginOutcome {
        /// Per user index: its available session, or nil when it failed.
        var channels: [(any Channel)?]
        var failed: Int
        var firstError: String?
        var seconds: Double
    }

    /// Connects every user, at most `concurrency` handshakes at a time, and
    /// waits until each is available or has failed.
    func logIn(_ options: BenchLoginOptions, label: String = "login") async -> LoginOutcome {
        let users = configuration.users
        var outcome = LoginOutcome(channels: Array(repeating: nil, count: users), failed: 0, firstError: nil, seconds: 0)
        let start = ContinuousClock.now
        var nextReport = start + .seconds(1)
        // The storm lasts until the last success: failures that wait out the
        // phase timeout would otherwise stretch it and lower logins/s.
        var lastSuccess = start
        await withTaskGroup(of: (Int, Result<any Channel, any Error>).self) { group in
            var next = 0
            func startNext() {
                let index = next
                next += 1
                group.addTask { (index, await connectTrying(index, options)) }
            }
            while next < min(configuration.concurrency, users) { startNext() }
            var done = 0
            for await (index, result) in group {
                done += 1
                switch result {
                case .success(let channel):
                    outcome.channels[index] = channel
                    lastSuccess = ContinuousClock.now
                case .failure(let error):
                    outcome.failed += 1
                    if outcome.firstError == nil { outcome.firstError = "\(configuration.username(index)): \(error)" }
                }
                if ContinuousClock.now >= nextReport {
                    progress("\(label): \(done - outcome.failed)/\(users) available, \(outcome.failed) failed")
                    nextReport = ContinuousClock.now + .seconds(1)
                }
                if next < users { startNext() }
            }
        }
        outcome.seconds = (lastSuccess - start).seconds
        progress("\(label): \(users - outcome.failed)/\(users) available in \(String(format: "%.2f", outcome.seconds)) s, \(outcome.failed) failed")
        return outcome
    }

    /// `connect`, again after a second's pause when the TCP connection
    /// failed, up to `options.connectAttempts` times.
    private func connectTrying(_ index: Int, _ options: BenchLoginOptions) async -> Result<any Channel, any Error> {
        var attempt = 1
        while true {
            let result = await connect(index, options)
            guard case .failure(let error as BenchLoginError) = result, error.beforeConnecting,
                attempt < options.connectAttempts
            else { return result }
            attempt += 1
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// One user's connection, available or failed within the phase timeout.
    private func connect(_ index: Int, _ options: BenchLoginOptions) async -> Result<any Channel, any Error> {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let ready = loop.makePromise(of: Void.self)
        let shared = self.shared
        let timeout = loop.scheduleTask(in: .seconds(Int64(configuration.phaseTimeoutSeconds))) {
            ready.fail(BenchLoginError("not available after \(configuration.phaseTimeoutSeconds) s"))
        }
        ready.futureResult.whenComplete { _ in timeout.cancel() }
        var bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.seconds(30))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                ready.futureResult.whenFailure { _ in channel.close(promise: nil) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        BenchConnectionHandler(shared: shared, index: index, options: options, ready: ready))
                }
            }
        do {
            if !configuration.sourceAddresses.isEmpty {
                let source = configuration.sourceAddresses[index % configuration.sourceAddresses.count]
                bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source, port: 0))
            }
            let address = try serverAddress()
            let channel: any Channel
            do {
                channel = try await bootstrap.connect(to: address).get()
            } catch {
                throw BenchLoginError("\(error)", beforeConnecting: true)
            }
            try await ready.futureResult.get()
            return .success(channel)
        } catch {
            ready.fail(error)
            return .failure(error)
        }
    }

    /// An IP address is used as it is: connecting by host name runs NIO's
    /// resolver and Happy Eyeballs for every connection, about a tenth of
    /// the bench's CPU in a login storm.
    private func serverAddress() throws -> SocketAddress {
        if let address = try? SocketAddress(ipAddress: configuration.host, port: configuration.port) { return address }
        return try SocketAddress.makeAddressResolvingHost(configuration.host, port: configuration.port)
    }

    /// Ends every stream and waits (bounded) for the sockets to close.
    func close(_ channels: [any Channel]) async {
        for channel in channels {
            channel.pipeline.fireUserInboundEventTriggered(BenchConnectionCommand.close)
        }
        for channel in channels {
            try? await channel.closeFuture.get()
        }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
