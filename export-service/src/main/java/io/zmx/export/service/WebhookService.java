package io.zmx.export.service;

import io.smallrye.mutiny.Uni;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.ExportConfig;
import io.zmx.export.client.EndpointAddresses;
import io.zmx.export.client.WebhookSender;
import io.zmx.export.domain.Listing;
import io.zmx.export.domain.WebhookDelivery;
import io.zmx.export.domain.WebhookEndpoint;
import io.zmx.export.domain.WebhookEventTypes;
import io.zmx.export.domain.WebhookSecret;
import io.zmx.export.persistence.EventVisibility;
import io.zmx.export.persistence.EventVisibility.Owner;
import io.zmx.export.persistence.WebhookStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Webhook endpoints of the caller's tenant: an agency's country, an exporter's credit code, or everything for admin
 * and origin customs (one owner each). The secret is returned only by registration and rotation. Another
 * tenant's endpoint answers 404, like one that does not exist.
 */
@ApplicationScoped
public class WebhookService {

    /** An endpoint with its secret, shown this once. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {}

    /** A delivery with its attempts. */
    public record DeliveryLog(WebhookDelivery delivery, List<WebhookDelivery.Attempt> attempts) {}

    private final WebhookStore store;
    private final WebhookSender sender;
    private final ExportConfig.Webhooks config;

    public WebhookService(WebhookStore store, WebhookSender sender, ExportConfig config) {
        this.store = store;
        this.sender = sender;
        this.config = config.webhooks();
    }

    /**
     * The tenant whose endpoints the caller manages, which is also the owner whose events they receive: the feed's
     * owner of the same caller ({@link EventVisibility#owner}), so a caller's endpoints get what its feed shows.
     */
    public static Owner owner(Caller c) {
        return EventVisibility.owner(c.roles(), c.country(), c.creditCode()).orElseThrow(() -> {
            if (c.is("agency")) {
                return new ProblemException(403, "no-tenant", "No tenant", "an agency token must carry zmx_country");
            }
            if (c.is("exporter")) {
                return new ProblemException(403, "no-tenant", "No tenant", "an exporter token must carry zmx_credit_code");
            }
            return new ProblemException(403, "forbidden", "Forbidden", "this role cannot register webhooks");
        });
    }

    public Uni<WithSecret> register(Caller caller, String url, List<String> eventTypes, String description) {
        Owner owner = owner(caller);
        List<String> types = eventTypes(eventTypes);
        String trimmed = url.trim();
        return checkedUrl(trimmed).chain(ok -> {
            String secret = WebhookSecret.generate();
            return store.insert(UUID.randomUUID(), owner, trimmed, description == null ? null : description.trim(),
                    types, secret, caller.subject()).map(e -> new WithSecret(e, secret));
        });
    }

    /** The URL's syntax, then its resolved addresses: 400 problem naming {@code url} when refused. */
    private Uni<Void> checkedUrl(String url) {
        try {
            EndpointAddresses.parse(url, config.allowLoopback());
        } catch (EndpointAddresses.Refused e) {
            return Uni.createFrom().failure(refused(e));
        }
        return sender.target(url, config.allowLoopback()).replaceWithVoid()
                .onFailure(EndpointAddresses.Refused.class).transform(WebhookService::refused);
    }

    private static ProblemException refused(Throwable e) {
        return ProblemException.invalid("webhook-url-refused", "Webhook URL refused", "url: " + e.getMessage(),
                List.of(new Problem.Violation("url", e.getMessage())));
    }

    private static List<String> eventTypes(List<String> requested) {
        LinkedHashSet<String> types = new LinkedHashSet<>();
        List<Problem.Violation> bad = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String t = requested.get(i) == null ? "" : requested.get(i).trim();
            if (!WebhookEventTypes.known(t)) {
                bad.add(new Problem.Violation("eventTypes[" + i + "]", "unknown event type; one of " + WebhookEventTypes.ALL));
            } else {
                types.add(t);
            }
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("validation", "Request is not valid", bad.size() + " field(s) are not valid", bad);
        }
        return List.copyOf(types);
    }

    public Uni<Listing<WebhookEndpoint>> list(Caller caller, int page, int size) {
        return store.list(owner(caller), page, size);
    }

    public Uni<WebhookEndpoint> get(Caller caller, UUID id) {
        return owned(caller, id, store::find);
    }

    public Uni<Void> delete(Caller caller, UUID id) {
        return owned(caller, id, (i, o) -> store.delete(i, o).map(deleted -> deleted ? i : null)).replaceWithVoid();
    }

    /** A new secret, shown once; the old one keeps signing (beside it) for {@code zmx.webhooks.rotation-overlap}. */
    public Uni<WithSecret> rotate(Caller caller, UUID id) {
        String secret = WebhookSecret.generate();
        Instant previousUntil = Instant.now().plus(config.rotationOverlap());
        return owned(caller, id, (i, o) -> store.rotate(i, o, secret, previousUntil)).map(e -> new WithSecret(e, secret));
    }

    public Uni<WebhookEndpoint> enable(Caller caller, UUID id) {
        return owned(caller, id, (i, o) -> store.enable(i, o, Instant.now()));
    }

    public Uni<Listing<WebhookDelivery>> deliveries(Caller caller, UUID id, String status, int page, int size) {
        return get(caller, id).chain(e -> store.deliveries(e.id(), status, page, size));
    }

    public Uni<DeliveryLog> delivery(Caller caller, UUID id, UUID deliveryId) {
        return ownedDelivery(caller, id, deliveryId, store::delivery)
                .chain(d -> store.attempts(d.id()).map(a -> new DeliveryLog(d, a)));
    }

    public Uni<WebhookDelivery> replay(Caller caller, UUID id, UUID deliveryId) {
        return ownedDelivery(caller, id, deliveryId, (endpoint, delivery) -> store.replay(endpoint, delivery, Instant.now()));
    }

    public Uni<Integer> replayRange(Caller caller, UUID id, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        return get(caller, id).chain(e -> store.replayRange(e.id(), from, to, Instant.now()));
    }

    /**
     * {@code op} on the caller's endpoint {@code id}, scoped by the caller's owner: null from {@code op} (no such
     * endpoint, or another owner's) is a 404, so another tenant's endpoint is indistinguishable from none.
     */
    private <T> Uni<T> owned(Caller caller, UUID id, BiFunction<UUID, Owner, Uni<T>> op) {
        Owner owner = owner(caller);
        return op.apply(id, owner).map(found -> {
            if (found == null) throw ProblemException.notFound("Webhook endpoint", id);
            return found;
        });
    }

    /** {@code op} on delivery {@code deliveryId} of the caller's endpoint {@code id}: 404 for either missing. */
    private Uni<WebhookDelivery> ownedDelivery(Caller caller, UUID id, UUID deliveryId,
                                               BiFunction<UUID, UUID, Uni<WebhookDelivery>> op) {
        return get(caller, id).chain(e -> op.apply(e.id(), deliveryId)).map(d -> {
            if (d == null) throw ProblemException.notFound("Delivery", deliveryId);
            return d;
        });
    }
}
