using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure.Paging;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>What registration and the organisers' decisions share: the order row's select and publishing a ticket that became valid.</summary>
internal static class OrderSql
{
    /// <summary>An order with its type and buyer, and the sort key of the organisers' list (<see cref="OrderDecisionStore.OrderListKeys"/>).</summary>
    internal static string Select(SqlDialect dialect) => $"""
        SELECT o.id, o.event_id, o.ticket_type_id, tt.name AS type_name, o.buyer_user_id, u.display_name AS buyer_name, u.email AS buyer_email,
               o.quantity, o.price_cents, o.currency, o.approval, o.payment, o.status, o.created_at,
               {Keyset.SortKey(OrderDecisionStore.OrderListKeys, dialect)} AS sort_key
        FROM ticket_orders o JOIN ticket_types tt ON tt.id = o.ticket_type_id JOIN users u ON u.id = o.buyer_user_id
        """;

    internal sealed record IssuedTicket
    {
        public long Id { get; init; }
        public string Secret { get; init; } = "";
        public string BadgeName { get; init; } = "";
    }

    // Counts and the type only: who registered is the organiser's to share, not the webhook's. A ticket becomes valid
    // once, at registration or at the decision that confirms its order, so each is published once.
    internal static Task<int> PublishIssuedAsync(WebhookOutbox webhooks, IDbConnection c, IDbTransaction tx, long eventId, long ticketId, long typeId, string typeName,
        long orderId, int quantity, string confirmation) =>
        webhooks.PublishAsync(c, tx, eventId, WebhookEventTypes.TicketIssued, new
        {
            ticket = new { id = ticketId, status = "valid", type = new { id = typeId, name = typeName } },
            order = new { id = orderId, quantity },
            confirmation,
        });
}
