using System;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Nfnet.Distributed;

/// <summary>
/// The address of a tensor's first element, for handing its storage to MPI or NCCL without a copy. TorchSharp has no
/// public data_ptr(); libLibTorchSharp (already loaded by TorchSharp) exports THSTensor_data, which returns
/// at::Tensor::data_ptr() (storage offset included; a CUDA address for CUDA tensors).
/// </summary>
internal static class TensorMemory
{
    [DllImport("LibTorchSharp")]
    private static extern IntPtr THSTensor_data(IntPtr tensor);

    public static IntPtr Address(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var address = THSTensor_data(tensor.Handle);
        if (address == IntPtr.Zero && tensor.numel() > 0)
            throw new InvalidOperationException($"libtorch returned no data pointer for a tensor of shape [{string.Join(", ", tensor.shape)}]");
        return address;
    }
}
