using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;

namespace Nfnet.Cli.Commands;

/// <summary>
/// Range checks for numeric options. They run at parse time, so a bad number is reported like a malformed one
/// ("--batch-size must be at least 1, got 0"), exits 2 and never builds a model or opens data first.
/// </summary>
public static class NumberRules
{
    /// <summary>Requires the option's value, when given, to be at least <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, long minimum, string? why = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (ValueOf(result, option) is { } value && Convert.ToInt64(value, CultureInfo.InvariantCulture) < minimum)
                result.AddError($"{option.Name} must be at least {minimum}{(why is null ? "" : $" ({why})")}, got {Format(value)}");
        });
        return option;
    }

    /// <summary>Requires the option's value, when given, to be a finite number above zero (NaN and ∞ parse, so they are named here).</summary>
    public static Option<T> Positive<T>(this Option<T> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (ValueOf(result, option) is { } value && Convert.ToDouble(value, CultureInfo.InvariantCulture) is var number && !(double.IsFinite(number) && number > 0))
                result.AddError($"{option.Name} must be a finite number above 0, got {Format(value)}");
        });
        return option;
    }

    /// <summary>Requires the option's value, when given, to be a finite number inside the open or closed range.</summary>
    public static Option<T> Within<T>(this Option<T> option, double low, double high, bool lowIncluded = false, bool highIncluded = false)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (ValueOf(result, option) is not { } value) return;
            double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            bool fits = double.IsFinite(number) && (lowIncluded ? number >= low : number > low) && (highIncluded ? number <= high : number < high);
            if (!fits)
                result.AddError($"{option.Name} must be a number in {(lowIncluded ? "[" : "(")}{Format(low)}, {Format(high)}{(highIncluded ? "]" : ")")}, got {Format(value)}");
        });
        return option;
    }

    // A value that did not parse ('abc') already has its error; the range check has nothing to add (and would see the
    // type's default, 0, and report a false "must be at least 1, got 0").
    // Boxed, so "no value" (null) is not confused with a value of 0.
    private static object? ValueOf<T>(OptionResult result, Option<T> option)
    {
        if (result.Tokens.Any(t => !Parses<T>(t.Value)))
            return null;
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool Parses<T>(string token)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (type == typeof(int)) return int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        if (type == typeof(long)) return long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        if (type == typeof(double)) return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return true;
    }

    private static string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
