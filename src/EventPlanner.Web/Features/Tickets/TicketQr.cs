using QRCoder;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>QR codes for ticket secrets, as PNG bytes (QRCoder's PngByteQRCode needs no System.Drawing).</summary>
public static class TicketQr
{
    public static byte[] Png(string secret)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(secret, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
