// Every test here runs a real client (Node.js and the npm packages in the cache, Debian's Python SDK): see TestCategories.
[assembly: Category(TestCategories.RealClients)]
