using System;

namespace Demo
{
    public class Program
    {
        // <Main>
        public static void Main()
        {
            // <Greeting>
            Console.WriteLine("Hola");
            // </Greeting>
            Console.WriteLine("Adiós");
        }
        // </Main>

        #region Helper
        static int Twice(int n) => n * 2;
        #endregion
    }
}
