/**
 * The arguments an ICU message takes, read from its text by the type checker: `{offer}` needs a
 * string or number, `{count, plural, …}` a number, `{kind, select, …}` a string, `{n, number}` a
 * number, `{at, date}`/`{at, time}` a Date or epoch millis. Arguments nested in plural and select
 * branches count too, so a caller that forgets one, or names one the English text lacks, fails to
 * compile. The walk is tail-recursive with an explicit stack of what each open brace started.
 */

type Trim<S extends string> = S extends ` ${infer R}` | `\n${infer R}` ? Trim<R> : S extends `${infer R} ` | `${infer R}\n` ? Trim<R> : S

type Has<S extends string, C extends string> = S extends `${string}${C}${string}` ? true : false

/** What an open brace began: message text (a plural/select branch) or the option list of a plural/select. */
type Frame = "text" | "options"

type Push<Stack extends Array<Frame>, F extends Frame> = [...Stack, F]
type Pop<Stack extends Array<Frame>> = Stack extends [...infer Rest extends Array<Frame>, Frame] ? Rest : []
type Top<Stack extends Array<Frame>> = Stack extends [...Array<Frame>, infer F] ? F : "text"

type Walk<S extends string, Stack extends Array<Frame>, Acc> = Top<Stack> extends "options" ? Options<Trim<S>, Stack, Acc>
  : S extends `${infer Before}{${infer After}`
    ? Has<Before, "}"> extends true ? S extends `${string}}${infer Rest}` ? Walk<Rest, Pop<Stack>, Acc> : Acc
    : Argument<After, Stack, Acc>
  : S extends `${string}}${infer Rest}` ? Walk<Rest, Pop<Stack>, Acc>
  : Acc

type Options<S extends string, Stack extends Array<Frame>, Acc> = S extends `}${infer Rest}` ? Walk<Rest, Pop<Stack>, Acc>
  : S extends `${string}{${infer Body}` ? Walk<Body, Push<Stack, "text">, Acc>
  : Acc

type Argument<S extends string, Stack extends Array<Frame>, Acc> = S extends `${infer Name}}${infer Rest}`
  ? Has<Name, ","> extends false ? Walk<Rest, Stack, Acc & { readonly [K in Trim<Name>]: string | number }>
  : Formatted<S, Stack, Acc>
  : Formatted<S, Stack, Acc>

type Formatted<S extends string, Stack extends Array<Frame>, Acc> = S extends `${infer Name},${infer Kind}`
  ? Trim<Kind> extends `plural,${infer Rest}` | `selectordinal,${infer Rest}`
    ? Walk<Rest, Push<Stack, "options">, Acc & { readonly [K in Trim<Name>]: number }>
  : Trim<Kind> extends `select,${infer Rest}` ? Walk<Rest, Push<Stack, "options">, Acc & { readonly [K in Trim<Name>]: string }>
  : Trim<Kind> extends `number${string}}${infer Rest}` ? Walk<Rest, Stack, Acc & { readonly [K in Trim<Name>]: number }>
  : Trim<Kind> extends `${"date" | "time"}${string}}${infer Rest}` ? Walk<Rest, Stack, Acc & { readonly [K in Trim<Name>]: Date | number }>
  : Acc
  : Acc

type Flatten<T> = { readonly [K in keyof T]: T[K] }

/** The values a message text needs, as an object type (`{}` when it needs none). */
export type MessageParams<S extends string> = Flatten<Walk<S, [], {}>>
