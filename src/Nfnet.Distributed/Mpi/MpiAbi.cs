using System;
using System.Runtime.InteropServices;

namespace Nfnet.Distributed.Mpi;

/// <summary>
/// The one place where MPI implementations differ for this layer: what an MPI handle is. The MPI standard fixes the
/// C function signatures but not the handles' representation. OpenMPI's MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, ... are
/// addresses of global objects in libmpi (ompi_mpi_comm_world, ...), and MPI_IN_PLACE is (void*)1; the MPICH family
/// (MPICH, Intel MPI, MVAPICH, Cray MPICH) uses 32-bit integer constants and MPI_IN_PLACE = (void*)-1. Every handle is
/// passed as a pointer-sized value: on x86-64 and arm64 an int argument travels in the low half of the same register,
/// so the same P/Invoke signatures serve both ABIs.
/// </summary>
internal sealed class MpiAbi
{
    public required string Name { get; init; }
    public required IntPtr CommWorld { get; init; }
    public required IntPtr Byte { get; init; }
    public required IntPtr LongLong { get; init; }
    public required IntPtr Float { get; init; }
    public required IntPtr Double { get; init; }
    public required IntPtr Sum { get; init; }
    public required IntPtr Min { get; init; }
    public required IntPtr ErrorsReturn { get; init; }
    public required IntPtr InPlace { get; init; }

    /// <summary>The ABI of <paramref name="library"/>, told apart by OpenMPI's exported handle objects.</summary>
    public static MpiAbi Of(IntPtr library, string path)
    {
        if (NativeLibrary.TryGetExport(library, "ompi_mpi_comm_world", out var world))
        {
            IntPtr Symbol(string name) => NativeLibrary.TryGetExport(library, name, out var address)
                ? address
                : throw new DistributedException($"{path} looks like OpenMPI but does not export {name}");
            return new MpiAbi
            {
                Name = "OpenMPI",
                CommWorld = world,
                Byte = Symbol("ompi_mpi_byte"),
                LongLong = Symbol("ompi_mpi_long_long_int"),
                Float = Symbol("ompi_mpi_float"),
                Double = Symbol("ompi_mpi_double"),
                Sum = Symbol("ompi_mpi_op_sum"),
                Min = Symbol("ompi_mpi_op_min"),
                ErrorsReturn = Symbol("ompi_mpi_errors_return"),
                InPlace = 1,
            };
        }
        // MPICH's mpi.h values, shared by its ABI-compatible derivatives (the "MPICH ABI compatibility initiative").
        return new MpiAbi
        {
            Name = "MPICH",
            CommWorld = 0x44000000,
            Byte = 0x4c00010d,
            LongLong = 0x4c000809,
            Float = 0x4c00040a,
            Double = 0x4c00080b,
            Sum = 0x58000003,
            Min = 0x58000002,
            ErrorsReturn = 0x54000001,
            InPlace = -1,
        };
    }
}
