using System.Globalization;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Tickets;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageModel(EventStore events, TicketTypeStore types, OrderDecisionStore orders, TransferApprovalStore transfers, CheckInStore checkIns, SetupImpacts impacts) : PageModel
{
    /// <summary>The confirmation step of removing a check-in volunteer; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<TicketTypeRow> Types { get; private set; } = [];
    public IReadOnlyList<OrderRow> Orders { get; private set; } = [];
    public IReadOnlyList<TransferRow> AwaitingApproval { get; private set; } = [];
    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];
    public IReadOnlyList<HolderChangeRow> Changes { get; private set; } = [];
    [BindProperty] public TypeForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, long? edit)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (edit is { } id && Types.FirstOrDefault(t => t.Id == id) is { } t) Input = TypeForm.From(t);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveTypeAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        var values = TicketRules.Validate(Input.AsInput(v), v);
        var saved = values is null ? null
            : Input.Id is { } id ? await types.UpdateAsync(Event.Id, id, values, v)
            : await types.CreateAsync(Event.Id, values, v);
        return this.Saved(saved, v, t => $"Saved ticket type '{t.Name}'.", $"/events/{slug}/tickets/manage");
    }

    public async Task<IActionResult> OnPostOrderAsync(string slug, long orderId, string? decision)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var userId = User.RequiredUserId();
        var done = decision switch
        {
            "paid" => await orders.MarkPaidAsync(e.Id, orderId, userId),
            "approve" => await orders.ApproveAsync(e.Id, orderId, userId),
            "refuse" => await orders.RefuseAsync(e.Id, orderId, userId),
            _ => false,
        };
        TempData["Flash"] = done ? $"Order {orderId} updated." : $"Order {orderId} was not waiting for that.";
        return RedirectToPage(new { slug });
    }

    public async Task<IActionResult> OnPostTransferAsync(string slug, long transferId, string? decision)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var v = new Validator();
        var done = decision == "approve"
            ? await transfers.ApproveAsync(e.Id, transferId, User.RequiredUserId(), v)
            : await transfers.RefuseAsync(e.Id, transferId);
        TempData["Flash"] = done ? (decision == "approve" ? "Transfer approved: the ticket has its new holder." : "Transfer refused.")
            : v.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? "That transfer is not waiting for approval.";
        return RedirectToPage(new { slug });
    }

    public async Task<IActionResult> OnPostAddStaffAsync(string slug, string? email)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        var address = v.Required("email", email, 254, "Email");
        var added = address is null ? null : await checkIns.AddStaffAsync(Event.Id, address, User.RequiredUserId(), v);
        if (added is null) { ModelState.AddErrors(v, ""); return Page(); }
        TempData["Flash"] = $"{added.DisplayName} can now check people in.";
        return RedirectToPage(new { slug });
    }

    /// <summary>The first post shows what the volunteer loses; only a post with the stamp of those same counts removes them, recounted inside the delete.</summary>
    public async Task<IActionResult> OnPostRemoveStaffAsync(string slug, long userId, string? stamp)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (await impacts.CheckInStaffAsync(Event.Id, userId) is not { } what)
        {
            TempData["Flash"] = "That volunteer was already removed.";
            return RedirectToPage(new { slug });
        }
        if (!what.ConfirmedBy(stamp)) return AskStaff(what, userId, stamp is not null);
        var check = new StampCheck(Event.Id, stamp, (c, tx) => SetupImpacts.CheckInStaffAsync(c, tx, Event.Id, userId));
        var removed = await checkIns.RemoveStaffAsync(Event.Id, userId, stillAsShown: check.HoldsAsync);
        if (check.Changed) return AskStaff(check.Fresh!, userId, true);
        TempData["Flash"] = removed ? $"{what.Subject} can no longer check people in." : "That volunteer was already removed.";
        return RedirectToPage(new { slug });
    }

    private PageResult AskStaff(Impact what, long userId, bool changed)
    {
        Confirm = new ConfirmView(what, $"Remove {what.Subject} from the check-in desk?", "RemoveStaff",
            new Dictionary<string, string> { ["userId"] = userId.ToString(CultureInfo.InvariantCulture) }, $"Remove {what.Subject}",
            $"/events/{Event.Slug}/tickets/manage", "Keep them", changed);
        return Page();
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return false;
        Event = e;
        Types = await types.ListAsync(e.Id);
        Orders = await orders.ListOrdersAsync(e.Id);
        AwaitingApproval = await transfers.AwaitingApprovalAsync(e.Id);
        Staff = await checkIns.ListStaffAsync(e.Id);
        Changes = await transfers.HolderChangesAsync(e.Id);
        return true;
    }

    /// <summary>The type form as the browser posts it: text fields, parsed here into the API's input.</summary>
    public sealed class TypeForm
    {
        public long? Id { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? Price { get; set; } = "0";
        public string? Currency { get; set; } = "EUR";
        public string? Quota { get; set; }
        public string? PerOrderLimit { get; set; } = "1";
        public string? SaleStartsAt { get; set; }
        public string? SaleEndsAt { get; set; }
        public string? Transferability { get; set; } = TicketRules.Transferable;
        public string? TransferDeadlineDays { get; set; }
        public string? CancelDeadlineDays { get; set; }
        public bool RequiresApproval { get; set; }
        public bool IsSpeakerType { get; set; }

        public TicketTypeInput AsInput(Validator v) => new(Name, Description, Number<decimal>(v, "price", Price, "Price"), Currency,
            Number<int>(v, "quota", Quota, "Quota"), When(v, "saleStartsAt", SaleStartsAt), When(v, "saleEndsAt", SaleEndsAt),
            Number<int>(v, "perOrderLimit", PerOrderLimit, "Tickets per order"), RequiresApproval, Transferability,
            Number<int>(v, "transferDeadlineDays", TransferDeadlineDays, "Transfer deadline"), Number<int>(v, "cancelDeadlineDays", CancelDeadlineDays, "Cancellation deadline"),
            IsSpeakerType, null);

        public static TypeForm From(TicketTypeRow t) => new()
        {
            Id = t.Id, Name = t.Name, Description = t.Description, Price = TicketRules.Price(t.PriceCents).ToString(CultureInfo.InvariantCulture),
            Currency = t.Currency, Quota = t.Quota.ToString(CultureInfo.InvariantCulture), PerOrderLimit = t.PerOrderLimit.ToString(CultureInfo.InvariantCulture),
            SaleStartsAt = t.SaleStartsAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            SaleEndsAt = t.SaleEndsAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            Transferability = t.Transferability, TransferDeadlineDays = t.TransferDeadlineDays?.ToString(CultureInfo.InvariantCulture),
            CancelDeadlineDays = t.CancelDeadlineDays?.ToString(CultureInfo.InvariantCulture), RequiresApproval = t.RequiresApproval, IsSpeakerType = t.IsSpeakerType,
        };

        private static T? Number<T>(Validator v, string field, string? text, string label) where T : struct, IParsable<T>
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (T.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value)) return value;
            v.Add(field, $"{label} must be a number.");
            return null;
        }

        private static DateTimeOffset? When(Validator v, string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)) return new DateTimeOffset(d, TimeSpan.Zero);
            v.Add(field, "Write the time as yyyy-MM-ddTHH:mm.");
            return null;
        }
    }
}
