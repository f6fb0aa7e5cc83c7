using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Nfnet.Runtime.Native;

/// <summary>One version requirement (a Vernaux entry of .gnu.version_r) of an ELF shared library.</summary>
/// <param name="File">The library the version is needed from, e.g. "libstdc++.so.6".</param>
/// <param name="Version">The version name, e.g. "GLIBCXX_3.4.32".</param>
/// <param name="Flags">vna_flags; bit 0x2 (VER_FLG_WEAK) means the loader tolerates its absence.</param>
public sealed record ElfVersionNeed(string File, string Version, ushort Flags)
{
    /// <summary>VER_FLG_WEAK.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>Whether the requirement is weak.</summary>
    public bool IsWeak => (Flags & WeakFlag) != 0;
}

/// <summary>
/// Read-only reader of the version requirements of a little-endian ELF64 file. It is the C# twin of the
/// patcher in buildTransitive/Nfnet.Runtime.targets, kept here so tests can check the patched library independently.
/// </summary>
public static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>All Vernaux entries of <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<ElfVersionNeed> Read(string path) => Parse(System.IO.File.ReadAllBytes(path));

    /// <summary>All Vernaux entries of an ELF image.</summary>
    public static IReadOnlyList<ElfVersionNeed> Parse(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("Not an ELF file.");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("Not a little-endian ELF64 file.");

        long sectionHeaders = (long)U64(elf, 0x28);
        int entrySize = U16(elf, 0x3A);
        int count = U16(elf, 0x3C);
        int namesIndex = U16(elf, 0x3E);
        if (entrySize < 64 || namesIndex >= count) throw new InvalidDataException("No usable section header table.");
        long sectionNames = (long)U64(elf, sectionHeaders + (long)namesIndex * entrySize + 24);

        var needs = new List<ElfVersionNeed>();
        for (int i = 0; i < count; i++)
        {
            long header = sectionHeaders + (long)i * entrySize;
            if (CString(elf, sectionNames + U32(elf, header)) != ".gnu.version_r" || U32(elf, header + 4) != ShtGnuVerneed) continue;

            long offset = (long)U64(elf, header + 24);
            long strings = (long)U64(elf, sectionHeaders + (long)U32(elf, header + 40) * entrySize + 24);
            uint needCount = U32(elf, header + 44);
            long need = offset;
            for (uint n = 0; n < needCount; n++)
            {
                string file = CString(elf, strings + U32(elf, need + 4));
                long aux = need + U32(elf, need + 8);
                for (int a = 0, auxCount = U16(elf, need + 2); a < auxCount; a++)
                {
                    needs.Add(new ElfVersionNeed(file, CString(elf, strings + U32(elf, aux + 8)), U16(elf, aux + 4)));
                    uint nextAux = U32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint nextNeed = U32(elf, need + 12);
                if (nextNeed == 0) break;
                need += nextNeed;
            }
        }
        return needs;
    }

    private static ReadOnlySpan<byte> At(ReadOnlySpan<byte> elf, long offset, int length) =>
        offset < 0 || offset + length > elf.Length
            ? throw new InvalidDataException("ELF structure points outside the file.")
            : elf.Slice((int)offset, length);

    private static ushort U16(ReadOnlySpan<byte> elf, long offset) => BinaryPrimitives.ReadUInt16LittleEndian(At(elf, offset, 2));

    private static uint U32(ReadOnlySpan<byte> elf, long offset) => BinaryPrimitives.ReadUInt32LittleEndian(At(elf, offset, 4));

    private static ulong U64(ReadOnlySpan<byte> elf, long offset) => BinaryPrimitives.ReadUInt64LittleEndian(At(elf, offset, 8));

    private static string CString(ReadOnlySpan<byte> elf, long offset)
    {
        At(elf, offset, 1); // bounds check
        var rest = elf[(int)offset..];
        int end = rest.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
    }
}
