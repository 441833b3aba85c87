using System.Buffers.Binary;
using SkiaSharp;

namespace TrainEval.FaceEngine.Tests;

/// <summary>Crafted inputs: EXIF-rotated JPEGs, PNG headers claiming huge sizes, resized/recompressed copies.</summary>
public static class TestImages
{
    public static byte[] Reencode(byte[] image, SKEncodedImageFormat format, int quality, float scale = 1f)
    {
        using var src = SKBitmap.Decode(image);
        using var dst = new SKBitmap((int)(src.Width * scale), (int)(src.Height * scale));
        using (var canvas = new SKCanvas(dst))
        {
            canvas.Scale(scale);
            using var img = SKImage.FromBitmap(src);
            canvas.DrawImage(img, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        using var data = dst.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>The image stored rotated 90° clockwise with EXIF orientation 8 ("rotate 90° counter-clockwise to view").</summary>
    public static byte[] RotatedWithExifOrientation8(byte[] image)
    {
        using var src = SKBitmap.Decode(image);
        using var rotated = new SKBitmap(src.Height, src.Width);
        using (var canvas = new SKCanvas(rotated))
        {
            canvas.Translate(rotated.Width, 0);
            canvas.RotateDegrees(90);
            canvas.DrawBitmap(src, 0, 0);
        }
        using var data = rotated.Encode(SKEncodedImageFormat.Jpeg, 92);
        var jpeg = data.ToArray();
        // APP1 "Exif": big-endian TIFF header, one IFD entry 0x0112 (Orientation) SHORT = 8.
        byte[] tiff = [(byte)'M', (byte)'M', 0, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>A valid PNG signature and IHDR claiming width×height RGB pixels, then IEND (no pixel data).</summary>
    public static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        bytes.AddRange(Chunk("IHDR", ihdr));
        bytes.AddRange(Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
        bytes.AddRange(Chunk("IEND", []));
        return bytes.ToArray();
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
