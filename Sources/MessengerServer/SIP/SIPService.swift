import Logging
import SIPCore
import SIPTransport

/// The SIP side of the server: one endpoint (UDP and TCP on the same port),
/// its transaction layer, the registrar for REGISTER and the proxy for
/// everything else. Started and stopped by `XMPPServer`.
final class SIPService: Sendable {
    let endpoint: SIPTransportEndpoint
    private let layer: SIPTransactionLayer
    private let registrar: SIPRegistrar
    private let proxy: SIPProxy
    private let tasks: NIOLockedBox<[Task<Void, Never>]> = NIOLockedBox([])
    private let logger: Logger

    private init(endpoint: SIPTransportEndpoint, layer: SIPTransactionLayer, registrar: SIPRegistrar, proxy: SIPProxy, logger: Logger) {
        self.endpoint = endpoint
        self.layer = layer
        self.registrar = registrar
        self.proxy = proxy
        self.logger = logger
    }

    var port: Int? { endpoint.udpAddress.port }

    /// The contacts `username` has registered right now.
    func contacts(of username: String) async -> [SIPURI] {
        await registrar.location.bindings(of: username).map(\.contact)
    }

    static func start(context: ServerContext, port: Int) async throws -> SIPService {
        let configuration = context.configuration
        try await context.phoneNumbers.rebuild(from: context.storage)
        let endpoint = try await SIPTransportEndpoint.bind(host: configuration.bindHost, port: port, logger: context.logger)
        let layer = SIPTransactionLayer(endpoint: endpoint, timers: configuration.sipTimers, logger: context.logger)
        let local = SIPLocalAddress(
            domain: configuration.domain, host: endpoint.udpAddress.ipAddress ?? configuration.bindHost,
            port: endpoint.udpAddress.port ?? port)
        let authenticator = SIPAuthenticator(
            realm: configuration.domain, nonces: SIPNonceSigner(), storage: context.storage,
            algorithms: configuration.sipDigestAlgorithms)
        let location = SIPLocationService(maxBindingsPerAOR: configuration.sipMaxBindingsPerUser)
        let resolver = SIPTargetResolver(
            local: local, location: location, numbers: context.phoneNumbers, accounts: context.storage,
            gateway: configuration.sipGateway)
        let proxy = SIPProxy(
            layer: layer, local: local, authenticator: authenticator, resolver: resolver,
            settings: .init(
                inviteTimeout: configuration.sipInviteTimeout, maxActiveRequests: configuration.sipMaxActiveRequests,
                cancelTimeout: configuration.sipTimers.transactionTimeout),
            logger: context.logger)
        let service = SIPService(
            endpoint: endpoint, layer: layer,
            registrar: SIPRegistrar(local: local, authenticator: authenticator, location: location),
            proxy: proxy, logger: context.logger)
        service.tasks.value = [Task { await layer.run() }, Task { await service.dispatch() }]
        context.logger.info(
            "sip listening",
            metadata: ["sip.domain": "\(configuration.domain)", "net.address": "\(endpoint.udpAddress)"])
        return service
    }

    /// Closes the sockets; the layer and the dispatcher end with them.
    func shutdown() async {
        await endpoint.close()
        for task in tasks.value { await task.value }
        logger.info("sip stopped")
    }

    private func dispatch() async {
        let registrar = self.registrar
        let proxy = self.proxy
        let layer = self.layer
        // Each request gets its own task: a forked INVITE lives until its branches end.
        for await event in layer.events {
            switch event {
            case .request(let incoming):
                if incoming.request.method == "REGISTER" {
                    Task {
                        let response = await registrar.handle(incoming.request, source: incoming.source)
                        await layer.respond(response, to: incoming.transaction)
                    }
                } else {
                    Task { await proxy.handle(incoming) }
                }
            case .ack(let ack, _):
                Task { await proxy.forwardACK(ack) }
            case .strayResponse(let response, _):
                Task { await proxy.forwardStray(response) }
            }
        }
    }
}
