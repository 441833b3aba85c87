using System.Buffers.Binary;
using System.IO.Compression;
using PdfSharp.Drawing;
using QRCoder;

namespace TrainEval.Web.Platform.Pdf;

/// <summary>
/// QR codes in PDFs. QRCoder's PNG writers all produce 1-bit images, which PDFsharp refuses ("Unsupported image
/// format"), so the module matrix is written here as an 8-bit RGBA PNG that <see cref="XImage.FromStream"/> accepts.
/// </summary>
public static class PdfQrCode
{
    /// <summary>An RGBA PNG of <paramref name="content"/>, black on white, with the 4-module quiet zone.</summary>
    public static byte[] RenderPng(string content, int pixelsPerModule = 4, QRCodeGenerator.ECCLevel eccLevel = QRCodeGenerator.ECCLevel.M)
    {
        ArgumentException.ThrowIfNullOrEmpty(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelsPerModule);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, eccLevel);
        var matrix = data.ModuleMatrix; // includes the quiet zone
        var modules = matrix.Count;
        var size = modules * pixelsPerModule;

        var stride = 1 + size * 4; // filter byte + RGBA pixels
        var raw = new byte[stride * size];
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y / pixelsPerModule];
            var line = raw.AsSpan(y * stride, stride);
            line[0] = 0; // filter: none
            for (var x = 0; x < size; x++)
            {
                var v = row[x / pixelsPerModule] ? (byte)0 : (byte)255;
                var px = line.Slice(1 + x * 4, 4);
                px[0] = v; px[1] = v; px[2] = v; px[3] = 255;
            }
        }
        return Png.Encode(size, size, raw);
    }

    /// <summary>Draws the QR code of <paramref name="content"/> into <paramref name="area"/> (a square is expected).</summary>
    public static void Draw(XGraphics gfx, string content, XRect area)
    {
        var png = RenderPng(content);
        using var stream = new MemoryStream(png, writable: false);
        using var image = XImage.FromStream(stream);
        image.Interpolate = false; // keep module edges sharp when scaled
        gfx.DrawImage(image, area);
    }

    /// <summary>Minimal PNG writer: 8-bit RGBA, one zlib-compressed IDAT.</summary>
    private static class Png
    {
        private static readonly uint[] CrcTable = BuildCrcTable();

        public static byte[] Encode(int width, int height, byte[] filteredScanlines)
        {
            using var output = new MemoryStream();
            output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
            var header = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
            header[8] = 8; // bit depth
            header[9] = 6; // colour type: truecolour with alpha
            WriteChunk(output, "IHDR"u8, header);
            using (var compressed = new MemoryStream())
            {
                using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(filteredScanlines);
                WriteChunk(output, "IDAT"u8, compressed.ToArray());
            }
            WriteChunk(output, "IEND"u8, []);
            return output.ToArray();
        }

        private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
        {
            Span<byte> buffer = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
            output.Write(buffer);
            output.Write(type);
            output.Write(data);
            var crc = Update(Update(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
            BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
            output.Write(buffer);
        }

        private static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        private static uint[] BuildCrcTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }
    }
}
