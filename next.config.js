// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Content is read from content/ at build time; every route is pre-rendered.
  outputFileTracingIncludes: {
    '/**': ['./content/**/*'],
  },
};

module.exports = nextConfig;
