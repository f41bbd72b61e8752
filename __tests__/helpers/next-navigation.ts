/**
 * What a component test needs of `next/navigation`, at a fixed pathname. Used from a `jest.mock`
 * factory, which may not close over imports:
 *
 *   jest.mock('next/navigation', () =>
 *     jest.requireActual<NavigationHelper>('../helpers/next-navigation').navigationAt('/…'),
 *   );
 */
export function navigationAt(pathname: string) {
  return {
    usePathname: () => pathname,
    useRouter: () => ({
      push: jest.fn(),
      replace: jest.fn(),
      back: jest.fn(),
      forward: jest.fn(),
      refresh: jest.fn(),
      prefetch: jest.fn(),
    }),
    useSearchParams: () => new URLSearchParams(),
  };
}

export type NavigationHelper = { navigationAt: typeof navigationAt };
